import { createHash, randomUUID } from 'node:crypto'
import { bounded } from '@fly-session/core/testing'
import { Redis } from 'ioredis'

/** A Lua script a client loads, so EVAL / EVALSHA calls of it are recorded by name. */
export interface NamedScript {
  name: string
  lua: string
}

/** One command as MONITOR saw it. */
export interface SeenCommand {
  /** Upper-case command name: HGETALL, EVAL, EVALSHA, ... */
  command: string
  /** For EVAL / EVALSHA: the script's name, or `unknown script` when it was not among those given. */
  script?: string
  /** The key the command names (the first argument after the command or the script's key count). */
  key?: string
  /** Present (true) on a command a Lua script ran inside the server: not a round trip. */
  inScript?: true
}

/** What to record. */
export interface RecordOptions {
  /** Scripts to name EVAL / EVALSHA calls by. */
  scripts?: readonly NamedScript[]
  /** Also record the commands scripts run inside the server (left out by default). */
  inScripts?: boolean
}

/** Milliseconds to wait for MONITOR to echo the end-of-recording marker. */
const FENCE_TIMEOUT_MS = 5000

const sha1 = (text: string) => createHash('sha1').update(text).digest('hex')

/**
 * The commands clients send to the server at `url` while `work` runs, in order, as MONITOR
 * reports them. Recording ends with a marker command this recorder sends after `work`, so
 * every command `work` caused is in (MONITOR's echo trails the replies). Nothing else may talk
 * to that server meanwhile.
 */
export async function recordCommands(
  url: string,
  work: () => Promise<void>,
  options: RecordOptions = {},
): Promise<SeenCommand[]> {
  const names = new Map(options.scripts?.map((script) => [sha1(script.lua), script.name]))
  const admin = new Redis(url)
  const monitor = await admin.monitor()
  const fence = `fence-${randomUUID()}`
  const seen: SeenCommand[] = []
  const fenced = new Promise<void>((resolve) => {
    monitor.on('monitor', (_time: string, args: string[], source: string) => {
      if (args[0]?.toLowerCase() === 'echo' && args[1] === fence) resolve()
      else if (source !== 'lua') seen.push(describe(args, names))
      else if (options.inScripts) seen.push({ ...describe(args, names), inScript: true })
    })
  })
  try {
    await work()
    await admin.echo(fence)
    await bounded(fenced, '[testkit] MONITOR showing the fence', FENCE_TIMEOUT_MS)
    return seen
  } finally {
    monitor.disconnect()
    admin.disconnect()
  }
}

function describe(args: string[], names: ReadonlyMap<string, string>): SeenCommand {
  const command = (args[0] ?? '').toUpperCase()
  if (command === 'EVAL' || command === 'EVALSHA') {
    const sha = command === 'EVAL' ? sha1(unescapeMonitor(args[1] ?? '')) : (args[1] ?? '')
    return { command, script: names.get(sha) ?? 'unknown script', key: args[3] }
  }
  return { command, key: args[1] }
}

const ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', a: '\x07', b: '\b' }

/** MONITOR prints arguments escaped (a newline as backslash-n); this undoes it. */
function unescapeMonitor(text: string): string {
  return text.replace(/\\(x[0-9a-fA-F]{2}|.)/g, (_, code: string) =>
    code.length === 3 ? String.fromCharCode(Number.parseInt(code.slice(1), 16)) : (ESCAPES[code] ?? code),
  )
}

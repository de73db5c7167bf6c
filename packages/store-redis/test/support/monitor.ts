import { createHash, randomUUID } from 'node:crypto'

import { Redis } from 'ioredis'

import { allScripts } from '../../src/scripts'

const scriptNames = new Map(
  allScripts.map((script) => [createHash('sha1').update(script.lua).digest('hex'), script.name]),
)

/** One command a client sent, as MONITOR saw it. Script bodies and SHAs are named. */
export interface SeenCommand {
  /** Upper-case command name: HGETALL, EVAL, EVALSHA, ... */
  command: string
  /** For EVAL / EVALSHA: the store script's name. */
  script?: string
  /** The key the command names (the first one). */
  key?: string
}

/** Milliseconds to wait for MONITOR to echo the end-of-recording marker. */
const FENCE_TIMEOUT_MS = 5000

/**
 * The commands clients send to the server at `url` while `work` runs, in order, as MONITOR
 * reports them. Commands that scripts run inside the server are left out: a script call is one
 * command on the wire. Nothing else may talk to that server meanwhile.
 */
export async function recordCommands(url: string, work: () => Promise<void>): Promise<SeenCommand[]> {
  const admin = new Redis(url)
  const monitor = await admin.monitor()
  const fence = `fence-${randomUUID()}`
  const seen: SeenCommand[] = []
  let fenceSeen: () => void = () => {}
  const fenced = new Promise<void>((resolve) => {
    fenceSeen = resolve
  })
  monitor.on('monitor', (_time: string, args: string[], source: string) => {
    if (args[0]?.toLowerCase() === 'echo' && args[1] === fence) fenceSeen()
    else if (source !== 'lua') seen.push(describe(args))
  })
  try {
    await work()
    await admin.echo(fence)
    const timer = new Promise((_, reject) =>
      setTimeout(() => reject(new Error('MONITOR never showed the fence')), FENCE_TIMEOUT_MS).unref(),
    )
    await Promise.race([fenced, timer])
    return seen
  } finally {
    monitor.disconnect()
    admin.disconnect()
  }
}

function describe(args: string[]): SeenCommand {
  const command = (args[0] ?? '').toUpperCase()
  if (command === 'EVAL' || command === 'EVALSHA') {
    const sha =
      command === 'EVAL' ? createHash('sha1').update(unescapeMonitor(args[1]!)).digest('hex') : args[1]!
    return { command, script: scriptNames.get(sha) ?? 'unknown script', key: args[3] }
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

/** "EVALSHA flySessionUpdateV1 <key>" lines, with keys replaced by the labels given. */
export function formatCommands(commands: SeenCommand[], labels: Record<string, string>): string[] {
  return commands.map((seen) => {
    const key = seen.key === undefined ? '' : ` ${labels[seen.key] ?? seen.key}`
    return `${seen.command}${seen.script ? ` ${seen.script}` : ''}${key}`
  })
}

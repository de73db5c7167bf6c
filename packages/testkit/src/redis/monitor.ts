import { createHash, randomUUID } from 'node:crypto'
import { once } from 'node:events'
import { connect } from 'node:net'
import { createInterface } from 'node:readline'
import { bounded } from '@fly-session/core/testing'
import { redisCli } from './processes'

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
  /** For EVAL / EVALSHA: the script's arguments after its key (ARGV), as sent. */
  scriptArgs?: string[]
}

/** What to record. */
export interface RecordOptions {
  /** Scripts to name EVAL / EVALSHA calls by. */
  scripts?: readonly NamedScript[]
  /** Also record the commands scripts run inside the server (left out by default). */
  inScripts?: boolean
}

/** Milliseconds to wait for MONITOR to start, and to echo the end-of-recording marker. */
const MONITOR_TIMEOUT_MS = 5000

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
  const port = Number(new URL(url).port)
  const fence = `fence-${randomUUID()}`
  const seen: SeenCommand[] = []
  // A plain socket, not ioredis: its monitor mode begins a tick after MONITOR's OK, so lines
  // in the same packet reach its reply path and fail as "Command queue state error".
  const monitor = connect(port, '127.0.0.1')
  // Events of this recorder's own, on the socket: `once` rejects when the socket fails first.
  const started = once(monitor, 'started')
  createInterface({ input: monitor }).on('line', (line) => {
    if (line === '+OK') monitor.emit('started')
    const { source, args } = parseMonitorLine(line)
    if (args[0]?.toLowerCase() === 'echo' && args[1] === fence) monitor.emit('fenced')
    else if (source === 'lua' && options.inScripts) seen.push({ ...describe(args, names), inScript: true })
    else if (source !== 'lua' && args.length > 0) seen.push(describe(args, names))
  })
  monitor.write('MONITOR\r\n')
  try {
    await bounded(started, '[testkit] MONITOR starting', MONITOR_TIMEOUT_MS)
    await work()
    // Listened for before the fence is sent (its echo cannot come sooner), and only then, so a
    // socket error before this point rejects no promise nobody awaits.
    const fenced = once(monitor, 'fenced')
    await redisCli(port, ['ECHO', fence])
    await bounded(fenced, '[testkit] MONITOR showing the fence', MONITOR_TIMEOUT_MS)
    return seen
  } finally {
    monitor.destroy()
  }
}

/** `+1700000000.123456 [0 127.0.0.1:5000] "hget" "key" "field"` → source `127.0.0.1:5000`, args. */
function parseMonitorLine(line: string): { source: string; args: string[] } {
  const source = /^\+[\d.]+ \[\d+ ([^\]]+)\]/.exec(line)?.[1] ?? ''
  const args = [...line.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((match) => unescapeMonitor(match[1] ?? ''))
  return { source, args }
}

function describe(args: string[], names: ReadonlyMap<string, string>): SeenCommand {
  const command = (args[0] ?? '').toUpperCase()
  if (command === 'EVAL' || command === 'EVALSHA') {
    const sha = command === 'EVAL' ? sha1(args[1] ?? '') : (args[1] ?? '')
    return { command, script: names.get(sha) ?? 'unknown script', key: args[3], scriptArgs: args.slice(4) }
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

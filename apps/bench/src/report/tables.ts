import type { InProcessResult } from '../in-process/protocol'
import { ratioInterval } from '../results/interval'
import type { Row } from '../results/summarize'
import type { ScaleResult } from '../scale/scale-worker'
import { FRAMEWORK_NAMES, labelOf } from '../variants'

// The report's Markdown tables and the number formats they share; a missing figure is "n/a".

const finite = (value: number, show: (value: number) => string) =>
  Number.isFinite(value) ? show(value) : 'n/a'
/** Fixed decimals. */
export const fixed = (value: number, digits: number) => finite(value, (v) => v.toFixed(digits))
/** 12345.6 -> "12,346" */
const integer = (value: number) => finite(value, (v) => Math.round(v).toLocaleString('en-US'))
/** A signed figure: "+12.3", "-0.4". */
const signed = (value: number) => finite(value, (v) => `${v >= 0 ? '+' : ''}${v.toFixed(1)}`)
const mebibytes = (bytes: number) => (bytes / 2 ** 20).toFixed(1)
const routeName = (route: Row['route']) => (route === 'read' ? 'read' : 'modify')

/** A Markdown table from `header` ("a | b | c") and one `l` or `r` (alignment) per column. */
function markdownTable(header: string, align: string, body: readonly string[][]): string {
  const rule = [...align].map((side) => (side === 'l' ? '---' : '---:'))
  return [header.split(' | '), rule, ...body].map((cells) => `| ${cells.join(' | ')} |`).join('\n')
}

/** "hgetall, evalsha" (with a count when a command is not sent exactly once per request). */
function commandList(commands: Record<string, number>): string {
  return Object.entries(commands)
    .filter(([, calls]) => calls >= 0.005)
    .map(([name, calls]) => (Math.abs(calls - 1) < 0.005 ? name : `${name} ×${fixed(calls, 2)}`))
    .join(', ')
}

/**
 * The results as one Markdown table: a line per variant and route. Figures are medians over the
 * quiet windows ("quiet windows": used / measured); "×raw" and "+CPU" are paired with the same
 * framework's raw server per round.
 * Redis: round trips with the commands sent ("2.00 (hgetall, evalsha)"), then every command Redis
 * ran per request, scripts' included ("6.00 (in script: exists, hget, ...)").
 */
export function resultsTable(rows: readonly Row[]): string {
  const body = rows.map((row) => {
    const raw = row.variant.library === 'raw'
    const scripted = commandList(row.scriptCommands)
    const redis = row.variant.usesRedis
    // No response completed within the windows (each request outlasts one): no rate or latency to show.
    const completed = row.requestsPerSecond > 0
    return [
      FRAMEWORK_NAMES[row.variant.framework],
      labelOf(row.variant),
      routeName(row.route),
      completed ? integer(row.requestsPerSecond) : '< 1',
      completed ? `${Math.round(row.requestsSpread * 100)}%` : 'n/a',
      `${row.windowsUsed}/${row.windows}`,
      raw ? '1' : fixed(row.ratioToRaw, 2),
      completed ? fixed(row.p99Ms, 0) : 'n/a',
      fixed(row.cpuMicrosPerRequest, 1),
      raw ? '-' : signed(row.extraCpuMicros),
      redis ? `${fixed(row.redisRoundTrips, 2)} (${commandList(row.roundTripCommands)})` : '-',
      redis ? `${fixed(row.redisPerRequest, 2)}${scripted ? ` (in script: ${scripted})` : ''}` : '-',
      mebibytes(row.rssBytes),
      mebibytes(row.heapUsedBytes),
    ]
  })
  const header =
    'framework | variant | route | req/s | spread | quiet windows | ×raw | p99 ms | CPU µs/req | ' +
    '+CPU µs vs raw | Redis round trips/req | Redis cmds/req | RSS MiB | heap MiB'
  return markdownTable(header, 'lllrrrrrrrrrrr', body)
}

/**
 * Both routes pivoted per framework: the raw server's CPU per request, then what the floor and
 * each session library add to it (paired medians), and fly-session + RedisStore's addition as a
 * multiple of the floor's, with its 90 % bootstrap interval over the rounds. The one table to read first.
 */
export function glanceTable(rows: readonly Row[]): string {
  const body = [...new Set(rows.map((row) => row.variant.framework))].flatMap((framework) =>
    (['read', 'increment'] as const).flatMap((route) => {
      const own = rows.filter((row) => row.variant.framework === framework && row.route === route)
      if (own.length === 0) return []
      const find = (id: string) => own.find((row) => row.variant.id === `${framework}-${id}`)
      const extra = (id: string) => find(id)?.extraCpuMicros ?? Number.NaN
      const times = extra('fly-redis') / extra('floor')
      const byRound = (id: string) => find(id)?.extraCpuByRound ?? new Map<number, number>()
      const interval = ratioInterval(byRound('fly-redis'), byRound('floor'))
      const range = interval ? ` (${interval.map((bound) => fixed(bound, 2)).join('–')})` : ''
      const peers = own
        .filter((row) => !['raw', 'floor', 'fly-session'].includes(row.variant.library))
        .map((row) => `${row.variant.library} + ${row.variant.storage} ${signed(row.extraCpuMicros)}`)
      const raw = fixed(find('raw')?.cpuMicrosPerRequest ?? Number.NaN, 1)
      const added = ['floor', 'fly-memory', 'fly-redis'].map((id) => signed(extra(id)))
      const cells = [FRAMEWORK_NAMES[framework], routeName(route), raw, ...added]
      return [[...cells, finite(times, (v) => `${fixed(v, 2)}×${range}`), peers.join('; ') || '-']]
    }),
  )
  const header =
    'framework | route | raw CPU µs/req | floor | fly-session + MemoryStore | fly-session + RedisStore | ' +
    '× floor (90% interval) | peers'
  return markdownTable(header, 'llrrrrrl', body)
}

/** The MemoryStore scale figure as a Markdown table. */
export function scaleTable(results: readonly ScaleResult[]): string {
  const body = results.map((result) => [
    integer(result.sessions),
    integer(result.heapBytesPerSession),
    integer((result.heapBytesPerSession * result.sessions) / 1e6),
    mebibytes(result.rssBytes),
    fixed(result.fillMicrosPerSession, 1),
    `${fixed(result.scanSweepMs, 1)} (${fixed(result.scanPauseMs, 1)})`,
    `${fixed(result.expireSweepMs, 1)} (${fixed(result.expirePauseMs, 1)})`,
  ])
  const header =
    'sessions | heap bytes/session | heap growth MB | RSS MiB | create µs/session | ' +
    'sweep, none expired: ms (longest loop delay) | sweep, all expired: ms (longest loop delay)'
  return markdownTable(header, 'rrrrrrr', body)
}

/**
 * The session work alone (in-process) as a Markdown table: a line per route, CPU µs per request
 * of the floor and of fly-session on each store, RedisStore's ratio to the floor, and the
 * MemoryStore modify's ratio to its read (on the read line: the route pair's one figure).
 */
export function inProcessTable(results: readonly InProcessResult[]): string {
  const cpu = (variant: InProcessResult['variant'], route: InProcessResult['route']) =>
    results.find((result) => result.variant === variant && result.route === route)?.cpuMicrosPerOperation ??
    Number.NaN
  const ratio = (value: number) => finite(value, (v) => `${v.toFixed(2)}×`)
  const body = (['read', 'modify'] as const).map((route) => [
    route,
    fixed(cpu('floor', route), 2),
    fixed(cpu('fly-memory', route), 2),
    fixed(cpu('fly-redis', route), 2),
    ratio(cpu('fly-redis', route) / cpu('floor', route)),
    route === 'modify' ? ratio(cpu('fly-memory', 'modify') / cpu('fly-memory', 'read')) : '-',
  ])
  const header =
    'route | floor µs/req | fly-session + MemoryStore | fly-session + RedisStore | RedisStore × floor | ' +
    'MemoryStore modify ÷ read'
  return markdownTable(header, 'lrrrrr', body)
}

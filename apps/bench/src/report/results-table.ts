import type { Row } from '../results/summarize'
import { FRAMEWORK_NAMES, labelOf } from '../variants'
import { fixed, integer, mebibytes, percent, signed } from './format'

/** "hgetall, evalsha" (with a count when a command is not sent exactly once per request). */
function commandList(commands: Record<string, number>): string {
  return Object.entries(commands)
    .filter(([, calls]) => calls >= 0.005)
    .map(([name, calls]) => (Math.abs(calls - 1) < 0.005 ? name : `${name} ×${fixed(calls, 2)}`))
    .join(', ')
}

/** "2 (hgetall, evalsha)", or "-" for a variant that does not use Redis. */
function roundTripCell(row: Row): string {
  if (!row.variant.usesRedis) return '-'
  return `${fixed(row.redisRoundTrips, 2)} (${commandList(row.roundTripCommands)})`
}

/** Every command Redis ran per request, scripts' included: "6.00 (script: exists, hget, ...)". */
function commandCell(row: Row): string {
  if (!row.variant.usesRedis) return '-'
  const scripted = commandList(row.scriptCommands)
  return scripted
    ? `${fixed(row.redisPerRequest, 2)} (in script: ${scripted})`
    : fixed(row.redisPerRequest, 2)
}

/** One Markdown table line from cells. */
export function tableLine(cells: readonly string[]): string {
  return `| ${cells.join(' | ')} |`
}

/**
 * The results as one Markdown table: a line per variant and route. Figures are medians over the
 * repetitions; "×raw" and "+CPU" are paired with the same framework's raw server per repetition.
 */
export function resultsTable(rows: readonly Row[]): string {
  const header = [
    'framework',
    'variant',
    'route',
    'req/s',
    'spread',
    '×raw',
    'p99 ms',
    'CPU µs/req',
    '+CPU µs vs raw',
    'Redis round trips/req',
    'Redis cmds/req',
    'RSS MiB',
    'heap MiB',
  ]
  const lines = [tableLine(header), tableLine(header.map((_, index) => (index < 3 ? '---' : '---:')))]
  for (const row of rows) {
    const raw = row.variant.library === 'raw'
    lines.push(
      tableLine([
        FRAMEWORK_NAMES[row.variant.framework],
        labelOf(row.variant),
        row.route === 'read' ? 'read' : 'modify',
        integer(row.requestsPerSecond),
        percent(row.requestsSpread),
        raw ? '1' : fixed(row.ratioToRaw, 2),
        fixed(row.p99Ms, 0),
        fixed(row.cpuMicrosPerRequest, 1),
        raw ? '-' : signed(row.extraCpuMicros, 1),
        roundTripCell(row),
        commandCell(row),
        mebibytes(row.rssBytes),
        mebibytes(row.heapUsedBytes),
      ]),
    )
  }
  return lines.join('\n')
}

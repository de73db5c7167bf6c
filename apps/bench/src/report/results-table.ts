import type { Row } from '../results/summarize'
import { labelOf } from '../variants'
import { fixed, integer, mebibytes, percent, signed } from './format'

/** "2.00 (evalsha 1.00, hgetall 1.00)", or "-" for a variant that does not use Redis. */
function redisCell(row: Row): string {
  if (!row.variant.usesRedis) return '-'
  const parts = Object.entries(row.redisByCommand)
    .filter(([, calls]) => calls >= 0.005)
    .map(([name, calls]) => `${name} ${fixed(calls, 2)}`)
  return `${fixed(row.redisPerRequest, 2)} (${parts.join(', ')})`
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
    'Redis cmd/req',
    'RSS MiB',
    'heap MiB',
  ]
  const lines = [tableLine(header), tableLine(header.map((_, index) => (index < 3 ? '---' : '---:')))]
  for (const row of rows) {
    const raw = row.variant.library === 'raw'
    lines.push(
      tableLine([
        row.variant.framework,
        labelOf(row.variant),
        row.route === 'read' ? 'read' : 'modify',
        integer(row.requestsPerSecond),
        percent(row.requestsSpread),
        raw ? '1' : fixed(row.ratioToRaw, 2),
        fixed(row.p99Ms, 0),
        fixed(row.cpuMicrosPerRequest, 1),
        raw ? '-' : signed(row.extraCpuMicros, 1),
        redisCell(row),
        mebibytes(row.rssBytes),
        mebibytes(row.heapUsedBytes),
      ]),
    )
  }
  return lines.join('\n')
}

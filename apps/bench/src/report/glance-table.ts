import type { Row } from '../results/summarize'
import { FRAMEWORK_NAMES, type Framework } from '../variants'
import { fixed, signed } from './format'
import { tableLine } from './results-table'

/** fly-session + RedisStore's CPU over raw as a multiple of the floor's, on one framework and route. */
export function timesFloor(rows: readonly Row[], framework: Framework, route: Row['route']): number {
  const find = (id: string) => rows.find((row) => row.variant.id === id && row.route === route)
  const ours = find(`${framework}-fly-redis`)
  const floor = find(`${framework}-floor`)
  return ours && floor ? ours.extraCpuMicros / floor.extraCpuMicros : Number.NaN
}

/**
 * Both routes pivoted per framework: the raw server's CPU per request, then what the floor and
 * each session library add to it (paired medians), and fly-session + RedisStore as a multiple of
 * the floor. The one table to read first.
 */
export function glanceTable(rows: readonly Row[]): string {
  const frameworks = [...new Set(rows.map((row) => row.variant.framework))] as Framework[]
  const header = [
    'framework',
    'route',
    'raw CPU µs/req',
    'floor',
    'fly-session + MemoryStore',
    'fly-session + RedisStore',
    '× floor',
    'peers',
  ]
  const lines = [tableLine(header), tableLine(['---', '---', '---:', '---:', '---:', '---:', '---:', '---'])]
  for (const framework of frameworks) {
    for (const route of ['read', 'increment'] as const) {
      const own = rows.filter((row) => row.variant.framework === framework && row.route === route)
      if (own.length === 0) continue
      const extra = (id: string) => {
        const row = own.find((candidate) => candidate.variant.id === id)
        return row ? signed(row.extraCpuMicros, 1) : 'n/a'
      }
      const raw = own.find((row) => row.variant.library === 'raw')
      const peers = own
        .filter((row) => !['raw', 'floor', 'fly-session'].includes(row.variant.library))
        .map((row) => `${row.variant.library} + ${row.variant.storage} ${signed(row.extraCpuMicros, 1)}`)
      const times = timesFloor(rows, framework, route)
      lines.push(
        tableLine([
          FRAMEWORK_NAMES[framework],
          route === 'read' ? 'read' : 'modify',
          raw ? fixed(raw.cpuMicrosPerRequest, 1) : 'n/a',
          extra(`${framework}-floor`),
          extra(`${framework}-fly-memory`),
          extra(`${framework}-fly-redis`),
          Number.isFinite(times) ? `${fixed(times, 2)}×` : 'n/a',
          peers.join('; ') || '-',
        ]),
      )
    }
  }
  return lines.join('\n')
}

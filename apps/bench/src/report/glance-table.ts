import type { Row } from '../results/summarize'
import { FRAMEWORK_NAMES, type Framework } from '../variants'
import { fixed, signed } from './format'
import { tableLine } from './results-table'

/**
 * The read route pivoted per framework: the raw server's CPU per request, then what each
 * session library adds to it (paired medians). The one table to read first.
 */
export function glanceTable(rows: readonly Row[]): string {
  const read = rows.filter((row) => row.route === 'read')
  const frameworks = [...new Set(read.map((row) => row.variant.framework))] as Framework[]
  const header = [
    'framework',
    'raw CPU µs/req',
    'fly-session + MemoryStore',
    'fly-session + RedisStore',
    'peers',
  ]
  const lines = [tableLine(header), tableLine(['---', '---:', '---:', '---:', '---'])]
  for (const framework of frameworks) {
    const own = read.filter((row) => row.variant.framework === framework)
    const extra = (id: string) => {
      const row = own.find((candidate) => candidate.variant.id === id)
      return row ? signed(row.extraCpuMicros, 1) : 'n/a'
    }
    const raw = own.find((row) => row.variant.library === 'raw')
    const peers = own
      .filter((row) => row.variant.library !== 'raw' && row.variant.library !== 'fly-session')
      .map((row) => `${row.variant.library} + ${row.variant.storage} ${signed(row.extraCpuMicros, 1)}`)
    lines.push(
      tableLine([
        FRAMEWORK_NAMES[framework],
        raw ? fixed(raw.cpuMicrosPerRequest, 1) : 'n/a',
        extra(`${framework}-fly-memory`),
        extra(`${framework}-fly-redis`),
        peers.join('; ') || '-',
      ]),
    )
  }
  return lines.join('\n')
}

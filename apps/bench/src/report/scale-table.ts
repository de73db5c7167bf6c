import type { ScaleResult } from '../scale/scale-result'
import { fixed, integer, mebibytes } from './format'
import { tableLine } from './results-table'

/** The MemoryStore scale figure as a Markdown table. */
export function scaleTable(results: readonly ScaleResult[]): string {
  const header = [
    'sessions',
    'heap bytes/session',
    'RSS MiB',
    'create µs/session',
    'sweep, none expired: ms (longest loop delay)',
    'sweep, all expired: ms (longest loop delay)',
  ]
  const lines = [tableLine(header), tableLine(header.map(() => '---:'))]
  for (const result of results) {
    lines.push(
      tableLine([
        integer(result.sessions),
        integer(result.heapBytesPerSession),
        mebibytes(result.rssBytes),
        fixed(result.fillMicrosPerSession, 1),
        `${fixed(result.scanSweepMs, 1)} (${fixed(result.scanPauseMs, 1)})`,
        `${fixed(result.expireSweepMs, 1)} (${fixed(result.expirePauseMs, 1)})`,
      ]),
    )
  }
  return lines.join('\n')
}

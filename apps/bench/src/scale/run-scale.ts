import { runJsonWorker } from '../harness/json-worker'
import type { ScaleResult } from './scale-worker'

/** A million sessions take some seconds to create; bounded all the same. */
const WORKER_TIMEOUT_MS = 300_000

/**
 * The MemoryStore scale figure for each count: a fresh process per count fills a MemoryStore with
 * that many small sessions and measures it.
 */
export async function runScale(counts: readonly number[]): Promise<ScaleResult[]> {
  const results: ScaleResult[] = []
  for (const sessions of counts) {
    const result = await runJsonWorker<ScaleResult>('scale-worker', [String(sessions)], {
      nodeFlags: ['--expose-gc', '--max-old-space-size=8192'],
      timeoutMs: WORKER_TIMEOUT_MS,
    })
    console.log(
      `[scale] ${sessions} sessions: ${Math.round(result.heapBytesPerSession)} heap bytes/session, ` +
        `sweep ${result.scanSweepMs.toFixed(1)} ms (none expired) / ${result.expireSweepMs.toFixed(1)} ms (all expired)`,
    )
    results.push(result)
  }
  return results
}

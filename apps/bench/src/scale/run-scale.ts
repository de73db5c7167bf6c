import { execFile } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import type { ScaleResult } from './scale-worker'

/** A million sessions take some seconds to create; bounded all the same. */
const WORKER_TIMEOUT_MS = 300_000

/**
 * The MemoryStore scale figure for each count: a fresh process per count fills a MemoryStore with
 * that many small sessions and measures it.
 */
export async function runScale(counts: readonly number[]): Promise<ScaleResult[]> {
  const worker = fileURLToPath(new URL('./scale-worker.js', import.meta.url))
  const flags = ['--expose-gc', '--max-old-space-size=8192']
  const results: ScaleResult[] = []
  for (const sessions of counts) {
    const { stdout } = await promisify(execFile)(process.execPath, [...flags, worker, String(sessions)], {
      timeout: WORKER_TIMEOUT_MS,
      killSignal: 'SIGKILL',
    })
    const result = JSON.parse(stdout) as ScaleResult
    console.log(
      `[scale] ${sessions} sessions: ${Math.round(result.heapBytesPerSession)} heap bytes/session, ` +
        `sweep ${result.scanSweepMs.toFixed(1)} ms (none expired) / ${result.expireSweepMs.toFixed(1)} ms (all expired)`,
    )
    results.push(result)
  }
  return results
}

import { fork } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import type { ScaleResult } from './scale-result'

/** A million sessions take some seconds to create; bounded all the same. */
const WORKER_TIMEOUT_MS = 300_000

type WorkerMessage = { type: 'scale'; result: ScaleResult } | { type: 'failed'; message: string }

/** Fills a MemoryStore with `sessions` small sessions in a fresh process and measures it. */
function measureScale(sessions: number): Promise<ScaleResult> {
  const entry = fileURLToPath(new URL('./scale-worker.js', import.meta.url))
  const child = fork(entry, [String(sessions)], {
    execArgv: ['--expose-gc', '--max-old-space-size=8192'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  })
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`[bench] scale worker (${sessions} sessions) took over ${WORKER_TIMEOUT_MS} ms`))
    }, WORKER_TIMEOUT_MS)
    child.on('message', (message: WorkerMessage) => {
      clearTimeout(timer)
      child.kill()
      if (message.type === 'scale') resolve(message.result)
      else reject(new Error(`[bench] scale worker failed: ${message.message}`))
    })
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`[bench] scale worker (${sessions} sessions) exited with code ${code}`))
    })
  })
}

/** The MemoryStore scale figure for each count, one fresh process each. */
export async function runScale(counts: readonly number[]): Promise<ScaleResult[]> {
  const results: ScaleResult[] = []
  for (const sessions of counts) {
    const result = await measureScale(sessions)
    console.log(
      `[scale] ${sessions} sessions: ${Math.round(result.heapBytesPerSession)} heap bytes/session, ` +
        `sweep ${result.scanSweepMs.toFixed(1)} ms (none expired) / ${result.expireSweepMs.toFixed(1)} ms (all expired)`,
    )
    results.push(result)
  }
  return results
}

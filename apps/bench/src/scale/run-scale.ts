import { fork } from 'node:child_process'
import { fileURLToPath } from 'node:url'

/** The MemoryStore scale figure for one session count. Times in milliseconds. */
export interface ScaleResult {
  sessions: number
  /** V8 heap growth after a full GC, divided by the session count. */
  heapBytesPerSession: number
  /** Process RSS with all sessions held. */
  rssBytes: number
  /** Wall time to create the sessions through core (begin, load, set, commit), per session. */
  fillMicrosPerSession: number
  /** A sweep that finds nothing expired (the usual timer tick): its duration, and the longest event-loop delay seen. */
  scanSweepMs: number
  scanPauseMs: number
  /** A sweep that finds every session expired and frees them all (the worst tick). */
  expireSweepMs: number
  expirePauseMs: number
}

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

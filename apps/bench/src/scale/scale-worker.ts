import { monitorEventLoopDelay } from 'node:perf_hooks'
import { setTimeout as sleep } from 'node:timers/promises'
import { createSessionManager } from '@fly-session/core'
import { MemoryStore } from '@fly-session/store-memory'
import { ABSOLUTE_SECONDS, BENCH_SECRET } from '../servers/contract'

// Started by the bench as `node --expose-gc scale-worker.js <count>`: a fresh process per count,
// so nothing else lives on its heap. It prints its ScaleResult as JSON.

const collect = (globalThis as { gc?: () => void }).gc

function heapAfterGc(): number {
  collect?.()
  collect?.()
  return process.memoryUsage().heapUsed
}

/**
 * Times one sweep as the store's timer would run it (a macrotask), and the longest event-loop
 * delay a 1 ms-resolution monitor saw around it: how long requests would wait behind it.
 */
async function timedSweep(store: MemoryStore, now: number): Promise<{ sweepMs: number; pauseMs: number }> {
  const monitor = monitorEventLoopDelay({ resolution: 1 })
  monitor.enable()
  await sleep(20)
  // Resumed from a timer, as the store's own sweep runs.
  await sleep(0)
  const start = performance.now()
  store.sweep(now)
  const sweepMs = performance.now() - start
  await sleep(20)
  monitor.disable()
  return { sweepMs, pauseMs: monitor.max / 1e6 }
}

/**
 * Fills a MemoryStore with `sessions` small sessions through core (begin, load, set, commit) and
 * measures it. Times in milliseconds.
 */
async function main() {
  // Given by runScale, one of its counts.
  const sessions = Number(process.argv[2])
  if (!collect) throw new Error('[bench] scale worker needs --expose-gc')
  const baseline = heapAfterGc()
  // An hour between timer sweeps: the sweeps measured are the ones called below.
  const store = new MemoryStore({ maxEntries: sessions, sweepInterval: 3600 })
  const manager = createSessionManager({ store, secret: BENCH_SECRET })

  const fillStart = performance.now()
  for (let index = 0; index < sessions; index++) {
    const lifecycle = manager.begin(undefined)
    const session = await lifecycle.load()
    session.set('user', `user-${index}`)
    session.set('counter', index % 1000)
    lifecycle.setCookie()
    await lifecycle.commit()
  }
  const fillMicrosPerSession = ((performance.now() - fillStart) * 1000) / sessions
  if (store.size !== sessions)
    throw new Error(`[bench] store holds ${store.size} sessions, expected ${sessions}`)
  const heapBytesPerSession = (heapAfterGc() - baseline) / sessions
  const rssBytes = process.memoryUsage().rss

  const scan = await timedSweep(store, Date.now())
  if (store.size !== sessions) throw new Error('[bench] a sweep with nothing expired removed sessions')
  const expire = await timedSweep(store, Date.now() + (ABSOLUTE_SECONDS + 1) * 1000)
  if (store.size !== 0) throw new Error(`[bench] ${store.size} sessions survived a sweep past their expiry`)
  await store.dispose()
  return {
    sessions,
    /** V8 heap growth after a full GC, divided by the session count. */
    heapBytesPerSession,
    /** Process RSS with all sessions held. */
    rssBytes,
    /** Wall time to create the sessions, per session. */
    fillMicrosPerSession,
    /** A sweep that finds nothing expired (the usual timer tick): its duration, and the longest event-loop delay seen. */
    scanSweepMs: scan.sweepMs,
    scanPauseMs: scan.pauseMs,
    /** A sweep that finds every session expired and frees them all (the worst tick). */
    expireSweepMs: expire.sweepMs,
    expirePauseMs: expire.pauseMs,
  }
}

/** The MemoryStore scale figure for one session count. */
export type ScaleResult = Awaited<ReturnType<typeof main>>

main().then(
  (result) => process.stdout.write(JSON.stringify(result)),
  (error: unknown) => {
    console.error(error)
    process.exitCode = 1
  },
)

// Per-request cost of core's lifecycle with MemoryStore: begin → load → handler → setCookie → commit.
// Run: pnpm --filter @fly-session/store-memory bench
import { createSessionManager, type SessionManager } from '@fly-session/core'
import { Bench } from 'tinybench'

import { MemoryStore } from '../src'

declare global {
  namespace FlySession {
    interface SessionData {
      views: number
      user: { id: string; name: string }
    }
  }
}

const secret = 'a-benchmark-secret-that-is-long-enough-42'

async function request(
  manager: SessionManager,
  cookie: string | undefined,
  modify: boolean,
): Promise<string | undefined> {
  const lifecycle = manager.begin(cookie)
  const session = await lifecycle.load()
  const views = session.get('views') ?? 0
  if (modify) session.set('views', views + 1)
  const setCookie = lifecycle.setCookie()
  await lifecycle.commit()
  return setCookie
}

async function main(): Promise<void> {
  const store = new MemoryStore()
  const manager = createSessionManager({ store, secret })
  const first = await request(manager, undefined, true)
  const cookie = first!.split(';')[0]
  const bench = new Bench({ time: 1500, warmup: true })
  bench
    .add('read-only request (inside touchInterval)', () =>
      request(manager, cookie, false).then(() => undefined),
    )
    .add('modifying request (delta patch)', () => request(manager, cookie, true).then(() => undefined))
    .add('request without a cookie (nothing written)', () =>
      request(manager, undefined, false).then(() => undefined),
    )
  await bench.run()
  console.table(
    bench.tasks.map((task) => {
      const latency = task.result && 'latency' in task.result ? task.result.latency : undefined
      return {
        request: task.name,
        'mean µs': latency ? (latency.mean * 1000).toFixed(2) : 'n/a',
        'p99 µs': latency ? (latency.p99 * 1000).toFixed(2) : 'n/a',
        'ops/s': task.result && 'throughput' in task.result ? Math.round(task.result.throughput.mean) : 'n/a',
      }
    }),
  )
  await store.dispose()
}

await main()

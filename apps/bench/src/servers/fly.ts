import { MemoryStore } from '@fly-session/store-memory'
import { RedisStore } from '@fly-session/store-redis'
import { Redis } from 'ioredis'
import { BENCH_SECRET, type BenchAttributes } from './contract'
import { redisUrl } from './runtime'

declare global {
  namespace FlySession {
    interface SessionData extends BenchAttributes {}
  }
}

/** fly-session options for a store mode (`memory`, else `redis`), and how to release the store. */
export async function flySetup(mode: string) {
  if (mode === 'memory') {
    const store = new MemoryStore()
    return { options: { store, secret: BENCH_SECRET }, close: () => store.dispose() }
  }
  const client = new Redis(redisUrl(), { lazyConnect: true })
  await client.connect()
  return { options: { store: new RedisStore({ client }), secret: BENCH_SECRET }, close: () => client.quit() }
}

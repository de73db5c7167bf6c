import type { SessionStore } from '@fly-session/core'
import { MemoryStore } from '@fly-session/store-memory'
import { RedisStore } from '@fly-session/store-redis'
import { Redis } from 'ioredis'

import type { StoreDescription } from './api'

/** Which store to run on: in memory (the default, nothing to install) or a Redis server. */
export type StoreChoice = { kind: 'memory' } | { kind: 'redis'; url: string }

/** A store the playground opened, and how to let go of it. */
export interface OpenedStore {
  store: SessionStore
  description: StoreDescription
  close(): Promise<void>
}

/**
 * Opens the chosen store. For Redis, connects first, so a wrong `REDIS_URL` fails the start;
 * later connection errors go to `log` (ioredis reconnects by itself).
 */
export async function openStore(choice: StoreChoice, log: (line: string) => void): Promise<OpenedStore> {
  if (choice.kind === 'memory') {
    const store = new MemoryStore()
    return {
      store,
      description: { kind: 'memory', label: 'MemoryStore' },
      close: () => store.dispose(),
    }
  }
  const where = redisLocation(choice.url)
  const client = new Redis(choice.url, { lazyConnect: true, maxRetriesPerRequest: 2 })
  let lastError: unknown
  client.on('error', (error: Error) => {
    lastError = error
    if (client.status === 'ready' || client.status === 'reconnecting') log(`[redis] ${error.message}`)
  })
  try {
    await client.connect()
  } catch (error) {
    client.disconnect()
    const cause = lastError ?? error
    throw new Error(`cannot reach Redis at ${where}: ${cause instanceof Error ? cause.message : cause}`)
  }
  const store = new RedisStore({ client })
  return {
    store,
    description: { kind: 'redis', label: `RedisStore at ${where}` },
    // The store does not own the client (we made it), so closing it is ours to do.
    close: async () => {
      await client.quit()
    },
  }
}

/** `host:port` of a Redis URL: what the page may show (a URL can carry a password). */
function redisLocation(url: string): string {
  const parsed = new URL(url)
  return `${parsed.hostname}:${parsed.port || '6379'}`
}

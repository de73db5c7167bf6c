import type { Redis } from 'ioredis'

/** Key prefix, as koa-redis and connect-redis use one. */
const PREFIX = 'koa:sess:'

/**
 * A koa-session external store over ioredis: one GET to read, one SET with expiry to write,
 * one DEL to destroy, JSON-encoded. Deliberately the leanest correct store (the one koa-session's
 * README sketches), not the older koa-redis package (ioredis 4, generator functions), so the
 * comparison is with koa-session at its best.
 */
export function koaRedisStore(client: Redis) {
  return {
    async get(key: string): Promise<unknown> {
      const raw = await client.get(PREFIX + key)
      return raw === null ? null : JSON.parse(raw)
    },
    async set(key: string, session: unknown, maxAge: number | 'session'): Promise<void> {
      // maxAge is in milliseconds; a browser-session cookie still needs a server-side bound.
      const ttl = typeof maxAge === 'number' ? maxAge : 86_400_000
      await client.set(PREFIX + key, JSON.stringify(session), 'PX', ttl)
    },
    async destroy(key: string): Promise<void> {
      await client.del(PREFIX + key)
    },
  }
}

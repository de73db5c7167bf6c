import type { KoaSessionStoreLike } from '@fly-session/koa/compat'

/**
 * koa-session's external store in its smallest form (the one its README shows): a Map with
 * TTLs. koa-session keeps only the key in the cookie; `get`, `set` and `destroy` are its protocol.
 */
export class MapKoaSessionStore implements KoaSessionStoreLike {
  readonly records = new Map<string, { value: unknown; expiresAt: number }>()
  gets = 0

  async get(key: string): Promise<unknown> {
    this.gets++
    const record = this.records.get(key)
    if (record === undefined || record.expiresAt <= Date.now()) return undefined
    return structuredClone(record.value)
  }

  async set(key: string, value: unknown, maxAge: number | 'session' | undefined): Promise<void> {
    const ttl = typeof maxAge === 'number' ? maxAge : 86_400_000
    this.records.set(key, { value: structuredClone(value), expiresAt: Date.now() + ttl })
  }

  async destroy(key: string): Promise<void> {
    this.records.delete(key)
  }
}

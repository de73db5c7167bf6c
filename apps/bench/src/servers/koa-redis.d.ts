// koa-redis 4 ships no types; the part the bench uses (its methods are co-wrapped generators,
// so each returns a promise).
declare module 'koa-redis' {
  interface KoaRedisStore {
    get(key: string): Promise<unknown>
    set(key: string, session: unknown, maxAge?: number): Promise<void>
    destroy(key: string): Promise<void>
    quit(): Promise<void>
  }
  export default function redisStore(options: { url: string }): KoaRedisStore
}

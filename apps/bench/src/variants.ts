/** The frameworks measured; each has one raw (session-less) baseline. */
export type Framework = 'express' | 'koa' | 'h3'

/** One server configuration to measure. */
export interface Variant {
  /** Stable identifier, used by `--only` and in the report. */
  id: string
  framework: Framework
  /** The session library, or `raw` for none. */
  library: 'raw' | 'fly-session' | 'express-session' | 'koa-session' | 'h3 useSession'
  /** Where the session data lives, for the report. */
  storage: string
  /** Server bundle under dist/servers/, without `.js`. */
  server: string
  /** First argument to the server: its store mode. */
  mode?: string
  /** True when the variant keeps sessions in Redis, so its Redis command count must be above zero. */
  usesRedis: boolean
}

/**
 * Every variant, in the order of a forward pass (the bench alternates forward and reverse
 * passes so no variant always runs first, or right after the same neighbour).
 */
export const VARIANTS: readonly Variant[] = [
  { id: 'express-raw', framework: 'express', library: 'raw', storage: '-', server: 'express-raw', usesRedis: false },
  {
    id: 'express-fly-memory',
    framework: 'express',
    library: 'fly-session',
    storage: 'MemoryStore',
    server: 'express-fly',
    mode: 'memory',
    usesRedis: false,
  },
  {
    id: 'express-fly-redis',
    framework: 'express',
    library: 'fly-session',
    storage: 'RedisStore',
    server: 'express-fly',
    mode: 'redis',
    usesRedis: true,
  },
  {
    id: 'express-session-memory',
    framework: 'express',
    library: 'express-session',
    storage: 'MemoryStore',
    server: 'express-session',
    mode: 'memory',
    usesRedis: false,
  },
  {
    id: 'express-session-redis',
    framework: 'express',
    library: 'express-session',
    storage: 'connect-redis',
    server: 'express-session',
    mode: 'redis',
    usesRedis: true,
  },
  { id: 'koa-raw', framework: 'koa', library: 'raw', storage: '-', server: 'koa-raw', usesRedis: false },
  {
    id: 'koa-fly-memory',
    framework: 'koa',
    library: 'fly-session',
    storage: 'MemoryStore',
    server: 'koa-fly',
    mode: 'memory',
    usesRedis: false,
  },
  {
    id: 'koa-fly-redis',
    framework: 'koa',
    library: 'fly-session',
    storage: 'RedisStore',
    server: 'koa-fly',
    mode: 'redis',
    usesRedis: true,
  },
  {
    id: 'koa-session-cookie',
    framework: 'koa',
    library: 'koa-session',
    storage: 'signed cookie',
    server: 'koa-session',
    mode: 'cookie',
    usesRedis: false,
  },
  {
    id: 'koa-session-redis',
    framework: 'koa',
    library: 'koa-session',
    storage: 'Redis (ioredis store)',
    server: 'koa-session',
    mode: 'redis',
    usesRedis: true,
  },
  { id: 'h3-raw', framework: 'h3', library: 'raw', storage: '-', server: 'h3-raw', usesRedis: false },
  {
    id: 'h3-fly-memory',
    framework: 'h3',
    library: 'fly-session',
    storage: 'MemoryStore',
    server: 'h3-fly',
    mode: 'memory',
    usesRedis: false,
  },
  {
    id: 'h3-fly-redis',
    framework: 'h3',
    library: 'fly-session',
    storage: 'RedisStore',
    server: 'h3-fly',
    mode: 'redis',
    usesRedis: true,
  },
  {
    id: 'h3-use-session',
    framework: 'h3',
    library: 'h3 useSession',
    storage: 'sealed cookie',
    server: 'h3-use-session',
    usesRedis: false,
  },
]

/** The session-less baseline of a framework. */
export function rawVariantOf(framework: Framework): Variant {
  const raw = VARIANTS.find((variant) => variant.framework === framework && variant.library === 'raw')
  if (!raw) throw new Error(`[bench] no raw variant for ${framework}`)
  return raw
}

/** A short human label: "fly-session + RedisStore", "express-session + connect-redis", "raw". */
export function labelOf(variant: Variant): string {
  return variant.library === 'raw' ? 'raw (no session)' : `${variant.library} + ${variant.storage}`
}

/** The frameworks measured; each has one raw (session-less) baseline. */
export type Framework = 'express' | 'koa' | 'h3' | 'h3v1'

/** How the report names a framework (with the major measured). */
export const FRAMEWORK_NAMES: Record<Framework, string> = {
  express: 'Express 5',
  koa: 'Koa 3',
  h3: 'h3 v2',
  h3v1: 'h3 v1',
}

/** One server configuration to measure. */
export interface Variant {
  /** Stable identifier, used by `--only` and in the report. */
  id: string
  framework: Framework
  /** The session library, or `raw` for none. */
  library: 'raw' | 'fly-session' | 'fly-session compat' | 'express-session' | 'koa-session' | 'h3 useSession'
  /** Where the session data lives, for the report. */
  storage: string
  /** Server bundle under dist/servers/, without `.js`. */
  server: string
  /** First argument to the server: its store mode. */
  mode?: string
  /** True when the variant keeps sessions in Redis, so its Redis command count must be above zero. */
  usesRedis: boolean
}

/** A framework's baseline and its two fly-session variants (servers `<id>-raw`, `<id>-fly`). */
function frameworkBase(framework: Framework): Variant[] {
  const fly = { framework, library: 'fly-session', server: `${framework}-fly` } as const
  return [
    {
      id: `${framework}-raw`,
      framework,
      library: 'raw',
      storage: '-',
      server: `${framework}-raw`,
      usesRedis: false,
    },
    { ...fly, id: `${framework}-fly-memory`, storage: 'MemoryStore', mode: 'memory', usesRedis: false },
    { ...fly, id: `${framework}-fly-redis`, storage: 'RedisStore', mode: 'redis', usesRedis: true },
  ]
}

/**
 * Every variant, in the order of a forward pass (the bench alternates forward and reverse
 * passes so no variant always runs first, or right after the same neighbour).
 */
export const VARIANTS: readonly Variant[] = [
  ...frameworkBase('express'),
  // The express-session-shaped compat layer on the same stores: what it costs over native session().
  ...[
    { id: 'express-compat-memory', storage: 'MemoryStore', mode: 'memory', usesRedis: false },
    { id: 'express-compat-redis', storage: 'RedisStore', mode: 'redis', usesRedis: true },
  ].map(
    (compat) =>
      ({ ...compat, framework: 'express', library: 'fly-session compat', server: 'express-compat' }) as const,
  ),
  ...[
    { id: 'express-session-memory', storage: 'MemoryStore', mode: 'memory', usesRedis: false },
    { id: 'express-session-redis', storage: 'connect-redis', mode: 'redis', usesRedis: true },
  ].map(
    (peer) =>
      ({ ...peer, framework: 'express', library: 'express-session', server: 'express-session' }) as const,
  ),
  ...frameworkBase('koa'),
  ...[
    { id: 'koa-session-cookie', storage: 'signed cookie', mode: 'cookie', usesRedis: false },
    { id: 'koa-session-redis', storage: 'Redis (ioredis store)', mode: 'redis', usesRedis: true },
  ].map((peer) => ({ ...peer, framework: 'koa', library: 'koa-session', server: 'koa-session' }) as const),
  ...frameworkBase('h3'),
  {
    id: 'h3-use-session',
    framework: 'h3',
    library: 'h3 useSession',
    storage: 'sealed cookie',
    server: 'h3-use-session',
    usesRedis: false,
  },
  ...frameworkBase('h3v1'),
  {
    id: 'h3v1-use-session',
    framework: 'h3v1',
    library: 'h3 useSession',
    storage: 'sealed cookie',
    server: 'h3v1-use-session',
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

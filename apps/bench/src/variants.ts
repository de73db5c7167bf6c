/** The frameworks measured; each has one raw (session-less) baseline. */
export type Framework = 'express' | 'koa' | 'h3' | 'h3v1' | 'fastify' | 'hono'

/** How the report names a framework (with the major measured). */
export const FRAMEWORK_NAMES: Record<Framework, string> = {
  express: 'Express 5',
  koa: 'Koa 3',
  h3: 'h3 v2',
  h3v1: 'h3 v1',
  fastify: 'Fastify 5',
  hono: 'Hono 4',
}

/** One server configuration to measure. */
export interface Variant {
  /** Stable identifier, used by `--only` and in the report. */
  id: string
  framework: Framework
  /** The session library, or `raw` for none. */
  library:
    | 'raw'
    | 'fly-session'
    | 'fly-session compat'
    | 'express-session'
    | 'koa-session'
    | 'h3 useSession'
    | '@fastify/session'
    | 'hono-sessions'
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

/** Another library's variants on one framework: one server, started with each variant's store mode. */
function peerVariants(
  framework: Framework,
  library: Variant['library'],
  server: string,
  stores: ReadonlyArray<Pick<Variant, 'id' | 'storage' | 'mode' | 'usesRedis'>>,
): Variant[] {
  return stores.map((store) => ({ ...store, framework, library, server }))
}

/**
 * Every variant, in the order of a forward pass (the bench alternates forward and reverse
 * passes so no variant always runs first, or right after the same neighbour).
 */
export const VARIANTS: readonly Variant[] = [
  ...frameworkBase('express'),
  // The express-session-shaped compat layer on the same stores: what it costs over native session().
  ...peerVariants('express', 'fly-session compat', 'express-compat', [
    { id: 'express-compat-memory', storage: 'MemoryStore', mode: 'memory', usesRedis: false },
    { id: 'express-compat-redis', storage: 'RedisStore', mode: 'redis', usesRedis: true },
  ]),
  ...peerVariants('express', 'express-session', 'express-session', [
    { id: 'express-session-memory', storage: 'MemoryStore', mode: 'memory', usesRedis: false },
    { id: 'express-session-redis', storage: 'connect-redis', mode: 'redis', usesRedis: true },
  ]),
  ...frameworkBase('koa'),
  ...peerVariants('koa', 'koa-session', 'koa-session', [
    { id: 'koa-session-cookie', storage: 'signed cookie', mode: 'cookie', usesRedis: false },
    { id: 'koa-session-redis', storage: 'Redis (ioredis store)', mode: 'redis', usesRedis: true },
  ]),
  ...frameworkBase('h3'),
  ...peerVariants('h3', 'h3 useSession', 'h3-use-session', [
    { id: 'h3-use-session', storage: 'sealed cookie', usesRedis: false },
  ]),
  ...frameworkBase('h3v1'),
  ...peerVariants('h3v1', 'h3 useSession', 'h3v1-use-session', [
    { id: 'h3v1-use-session', storage: 'sealed cookie', usesRedis: false },
  ]),
  ...frameworkBase('fastify'),
  ...peerVariants('fastify', '@fastify/session', 'fastify-session', [
    { id: 'fastify-session-memory', storage: 'MemoryStore', mode: 'memory', usesRedis: false },
    { id: 'fastify-session-redis', storage: 'connect-redis', mode: 'redis', usesRedis: true },
  ]),
  ...frameworkBase('hono'),
  ...peerVariants('hono', 'hono-sessions', 'hono-sessions', [
    { id: 'hono-sessions-memory', storage: 'MemoryStore', mode: 'memory', usesRedis: false },
    { id: 'hono-sessions-cookie', storage: 'encrypted cookie', mode: 'cookie', usesRedis: false },
  ]),
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

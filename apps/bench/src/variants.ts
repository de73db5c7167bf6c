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
    | 'floor'
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
  /**
   * True when the variant keeps sessions in Redis (its store mode is `redis`), so its Redis
   * command count must be above zero.
   */
  usesRedis: boolean
}

type Entry = Omit<Variant, 'usesRedis'>

/**
 * A framework's baseline, its floor (the least a signed-cookie Redis session can cost, inline:
 * servers/floor.ts) and its two fly-session variants (servers `<id>-raw`, `<id>-floor`, `<id>-fly`).
 */
function frameworkBase(framework: Framework): Entry[] {
  const raw = { framework, id: `${framework}-raw`, server: `${framework}-raw` } as const
  const floor = { framework, id: `${framework}-floor`, server: `${framework}-floor` } as const
  const fly = { framework, library: 'fly-session', server: `${framework}-fly` } as const
  return [
    { ...raw, library: 'raw', storage: '-' },
    { ...floor, library: 'floor', storage: 'Redis, inline', mode: 'redis' },
    { ...fly, id: `${framework}-fly-memory`, storage: 'MemoryStore', mode: 'memory' },
    { ...fly, id: `${framework}-fly-redis`, storage: 'RedisStore', mode: 'redis' },
  ]
}

/** Another library's variants on one framework: one server, started with each variant's store mode. */
function peerVariants(
  framework: Framework,
  library: Variant['library'],
  server: string,
  stores: ReadonlyArray<Pick<Variant, 'id' | 'storage' | 'mode'>>,
): Entry[] {
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
    { id: 'express-compat-memory', storage: 'MemoryStore', mode: 'memory' },
    { id: 'express-compat-redis', storage: 'RedisStore', mode: 'redis' },
  ]),
  ...peerVariants('express', 'express-session', 'express-session', [
    { id: 'express-session-memory', storage: 'MemoryStore', mode: 'memory' },
    { id: 'express-session-redis', storage: 'connect-redis', mode: 'redis' },
  ]),
  ...frameworkBase('koa'),
  ...peerVariants('koa', 'koa-session', 'koa-session', [
    { id: 'koa-session-cookie', storage: 'signed cookie', mode: 'cookie' },
    { id: 'koa-session-redis', storage: 'koa-redis', mode: 'redis' },
  ]),
  ...frameworkBase('h3'),
  ...peerVariants('h3', 'h3 useSession', 'h3-use-session', [
    { id: 'h3-use-session', storage: 'sealed cookie' },
  ]),
  ...frameworkBase('h3v1'),
  ...peerVariants('h3v1', 'h3 useSession', 'h3v1-use-session', [
    { id: 'h3v1-use-session', storage: 'sealed cookie' },
  ]),
  ...frameworkBase('fastify'),
  ...peerVariants('fastify', '@fastify/session', 'fastify-session', [
    { id: 'fastify-session-memory', storage: 'MemoryStore', mode: 'memory' },
    { id: 'fastify-session-redis', storage: 'connect-redis', mode: 'redis' },
  ]),
  ...frameworkBase('hono'),
  ...peerVariants('hono', 'hono-sessions', 'hono-sessions', [
    { id: 'hono-sessions-memory', storage: 'MemoryStore', mode: 'memory' },
    { id: 'hono-sessions-cookie', storage: 'encrypted cookie', mode: 'cookie' },
  ]),
].map((entry) => ({ ...entry, usesRedis: entry.mode === 'redis' }))

/** The session-less baseline of a framework. */
export function rawVariantOf(framework: Framework): Variant {
  const raw = VARIANTS.find((variant) => variant.framework === framework && variant.library === 'raw')
  if (!raw) throw new Error(`[bench] no raw variant for ${framework}`)
  return raw
}

/** A short human label: "fly-session + RedisStore", "express-session + connect-redis", "raw". */
export function labelOf(variant: Variant): string {
  if (variant.library === 'raw') return 'raw (no session)'
  if (variant.library === 'floor') return 'floor (inline HMAC + Redis)'
  return `${variant.library} + ${variant.storage}`
}

/** The frameworks measured, as the report names them (with the major measured). */
export const FRAMEWORK_NAMES = {
  express: 'Express 5',
  koa: 'Koa 3',
  h3: 'h3 v2',
  h3v1: 'h3 v1',
  fastify: 'Fastify 5',
  hono: 'Hono 4',
}
export type Framework = keyof typeof FRAMEWORK_NAMES

/**
 * `[library, id (after the framework's), storage, store mode]`: one variant of a framework. The
 * mode is one of the few the servers know, so a server needs no check of its own.
 */
type Entry = [string, string, string, ('memory' | 'redis' | 'cookie')?]

/**
 * Every framework's baseline (`raw`), its floor (the least a signed-cookie Redis session can cost,
 * inline: servers/floor.ts) and its two fly-session variants.
 */
const BASE: Entry[] = [
  ['raw', 'raw', '-'],
  ['floor', 'floor', 'Redis, inline', 'redis'],
  ['fly-session', 'fly-memory', 'MemoryStore', 'memory'],
  ['fly-session', 'fly-redis', 'RedisStore', 'redis'],
]

/** Each framework's peers, in the frameworks' order. */
const PEERS: Record<Framework, Entry[]> = {
  express: [
    // The express-session-shaped compat layer on the same stores: what it costs over native session().
    ['fly-session compat', 'compat-memory', 'MemoryStore', 'memory'],
    ['fly-session compat', 'compat-redis', 'RedisStore', 'redis'],
    ['express-session', 'session-memory', 'MemoryStore', 'memory'],
    ['express-session', 'session-redis', 'connect-redis', 'redis'],
  ],
  koa: [
    ['koa-session', 'session-cookie', 'signed cookie', 'cookie'],
    ['koa-session', 'session-redis', 'koa-redis', 'redis'],
  ],
  h3: [['h3 useSession', 'use-session', 'sealed cookie']],
  h3v1: [['h3 useSession', 'use-session', 'sealed cookie']],
  fastify: [
    ['@fastify/session', 'session-memory', 'MemoryStore', 'memory'],
    ['@fastify/session', 'session-redis', 'connect-redis', 'redis'],
  ],
  hono: [
    ['hono-sessions', 'sessions-memory', 'MemoryStore', 'memory'],
    ['hono-sessions', 'sessions-cookie', 'encrypted cookie', 'cookie'],
  ],
}

/**
 * Every variant, in the order of a forward pass (the bench alternates forward and reverse passes
 * so no variant always runs first, or right after the same neighbour). A variant is served by
 * dist/servers/<framework>.js, started with its library (the setup to run) and store mode.
 */
export const VARIANTS = (Object.entries(PEERS) as Array<[Framework, Entry[]]>).flatMap(([framework, peers]) =>
  [...BASE, ...peers].map(([library, id, storage, mode]) => ({
    /** Stable identifier, used by `--only` and in the report. */
    id: `${framework}-${id}`,
    framework,
    /** The session library (`raw` for none, `floor` for servers/floor.ts). */
    library,
    /** Where the session data lives, for the report. */
    storage,
    ...(mode ? { mode } : {}),
    /** The variant keeps sessions in Redis, so its Redis command count must be above zero. */
    usesRedis: mode === 'redis',
  })),
)

/** One server configuration to measure. */
export type Variant = (typeof VARIANTS)[number]

/** The session-less baseline of a framework. */
export function rawVariantOf(framework: Framework): Variant {
  // Every framework has one: BASE starts with it.
  return VARIANTS.find((variant) => variant.framework === framework && variant.library === 'raw')!
}

/** A short human label: "fly-session + RedisStore", "express-session + connect-redis", "raw". */
export function labelOf(variant: Variant): string {
  if (variant.library === 'raw') return 'raw (no session)'
  if (variant.library === 'floor') return 'floor (inline HMAC + Redis)'
  return `${variant.library} + ${variant.storage}`
}

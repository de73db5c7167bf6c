/** The session cookie's attributes (`session.cookie` in `nuxt.config.ts`). */
export interface ModuleCookieOptions {
  /** Cookie name; `__Host-` / `__Secure-` prefixes are validated. @default 'sid' */
  name: string
  /** Cookie path. @default '/' */
  path: string
  /** Cookie domain; empty for a host-only cookie. @default '' */
  domain: string
  /** Send over HTTPS only (browsers also accept it on http://localhost). @default true */
  secure: boolean
  /** Hide the cookie from scripts. @default true */
  httpOnly: boolean
  /** SameSite attribute. @default 'lax' */
  sameSite: 'lax' | 'strict' | 'none'
  /** Partitioned (CHIPS) attribute. @default false */
  partitioned: boolean
  /** When true, Max-Age follows the session's expiry; when false, a browser-session cookie. @default true */
  persistent: boolean
}

/**
 * The module's options (`session: { ... }` in `nuxt.config.ts`). Each one is also a
 * `runtimeConfig.session` key, so it can be changed at run time by a `NUXT_SESSION_*`
 * variable without a rebuild (`cookie.name` is `NUXT_SESSION_COOKIE_NAME`).
 */
export interface ModuleOptions {
  /** The session cookie's attributes. */
  cookie: ModuleCookieOptions
  /** Seconds without a request after which a session expires. @default 1800 */
  idleTimeout: number
  /** Seconds after creation after which a session expires however active. @default 86400 */
  absoluteTimeout: number
  /** Key prefix of the sessions in Redis. @default 'fly:sess:' */
  redisPrefix: string
  /** `'fail'`: a store failure answers 503; `'continue'`: the request goes on with an unsaved session. @default 'fail' */
  onStoreError: 'fail' | 'continue'
  /**
   * Path prefixes that get no session at all (no cookie parsing, no store call).
   * @default [app.buildAssetsDir] (`['/_nuxt/']`)
   */
  skipPaths: string[]
}

/**
 * The two values of `runtimeConfig.session` that are not module options: they must never be
 * built into the app, so they are read from the environment at start-up.
 */
export interface RuntimeOnlyOptions {
  /**
   * The signing secret, at least 32 characters (`NUXT_SESSION_SECRET`); several, comma-separated,
   * to rotate (the first signs, all verify). Required: the server refuses to start sessions without it.
   * @default ''
   */
  secret: string
  /**
   * A Redis URL (`NUXT_SESSION_REDIS_URL`, e.g. `redis://127.0.0.1:6379`). Empty: sessions are kept
   * in memory, in this process only (a warning is logged in production).
   * @default ''
   */
  redisUrl: string
}

/** `runtimeConfig.session`, as the module's Nitro plugin reads it. */
export type SessionRuntimeConfig = ModuleOptions & RuntimeOnlyOptions

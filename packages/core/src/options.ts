import type { SessionCodec } from './codec'
import type { HttpSession } from './http-session'
import type { SessionStore } from './store'

/** The session cookie's attributes. */
export interface SessionCookieOptions {
  /**
   * Cookie name. A `__Host-` name requires `secure`, `path: '/'` and no `domain`; a
   * `__Secure-` name requires `secure`. Checked at start-up.
   * @default 'sid'
   */
  name?: string
  /** @default '/' */
  path?: string
  /** Omitted by default: the cookie goes back to the exact host that set it. */
  domain?: string
  /**
   * Send the cookie over HTTPS only. Browsers treat `http://localhost` as secure, so local
   * development works with the default.
   * @default true
   */
  secure?: boolean
  /** Hide the cookie from page scripts. @default true */
  httpOnly?: boolean
  /** `'none'` requires `secure`. @default 'lax' */
  sameSite?: 'lax' | 'strict' | 'none'
  /** CHIPS: key the cookie to the top-level site. Requires `secure`. @default false */
  partitioned?: boolean
  /** Chromium's `Priority` attribute. Omitted by default. */
  priority?: 'low' | 'medium' | 'high'
  /**
   * `true`: `Max-Age` follows the session's expiry, so the login survives a browser restart.
   * `false`: a browser-session cookie (no `Max-Age`).
   * @default true
   */
  persistent?: boolean
}

/** Called at the moments a session's life changes. A hook that throws fails the request. */
export interface SessionHooks {
  /** A new session was stored (after the commit). */
  created?(session: HttpSession): void
  /** A session was stored under a new ID and the old one destroyed (after the commit). */
  regenerated?(session: HttpSession, previousId: string): void
  /** A session was destroyed by `invalidate()` (after the commit). */
  invalidated?(session: HttpSession): void
  /** A request arrived with a session past one of its deadlines; it was destroyed. */
  expired?(info: { reason: 'idle' | 'absolute' }): void
  /**
   * A request's session cookie could not be used, so the request got a fresh session (stored,
   * like any new one, only if the request writes to it). `reason`: `'malformed'`, not shaped like
   * a cookie this library issues (or oversized, or the cookie name given twice: cookie tossing);
   * `'forged'`, shaped right but signed by none of the secrets; `'unknown'`, signed by a secret
   * but the store has no such session (destroyed, evicted, or expired and already removed by the
   * store's TTL). Never given the cookie: it may carry a real ID. Forged and malformed cookies
   * cost the store nothing; count them to detect tampering or probing.
   */
  cookieRejected?(info: { reason: 'malformed' | 'forged' | 'unknown' }): void
  /** A store call failed (fires under both `onStoreError` policies). */
  storeError?(error: unknown): void
}

/**
 * Everything `createSessionManager` accepts. Durations are in seconds. `Req` is the native
 * request type `skip` receives; each adapter's `session()` fixes it (Express `Request`, Koa
 * `Context`, h3 `H3Event`, Fastify `FastifyRequest`, the Fetch `Request`, Hono `Context`).
 */
export interface SessionOptions<Req = unknown> {
  /** Where sessions live. */
  store: SessionStore
  /**
   * HMAC key(s) for the cookie signature, at least 32 characters each. The first signs, all
   * verify: to rotate, put the new secret first and keep the old one until the cookies it
   * signed have been re-signed (every request that refreshes the cookie re-signs it).
   */
  secret: string | string[]
  /** The session cookie's attributes. */
  cookie?: SessionCookieOptions
  /**
   * Seconds without a refresh after which a session expires. At most `absoluteTimeout`, and
   * at most 400 days (a larger number is refused as a likely unit mistake). A session can
   * override it (`session.idleTimeout`).
   * @default 1800
   */
  idleTimeout?: number
  /**
   * Seconds after creation after which a session expires, however active. At most 400 days.
   * A session can override it (`session.absoluteTimeout`).
   * @default 86400
   */
  absoluteTimeout?: number
  /**
   * Seconds: an unmodified session's expiry (store TTL and cookie `Max-Age`) is refreshed at
   * most this often, so read-only requests usually cost one store read and no write. Must be
   * below `idleTimeout`; `0` refreshes on every request.
   * @default 60, or half of `idleTimeout` when that is shorter (so `idleTimeout: 60` gives 30)
   */
  touchInterval?: number
  /** Stores see the SHA-256 of the session ID, never the ID itself. @default true */
  hashIds?: boolean
  /**
   * Bytes of encoded attributes (names + values, UTF-8) one session may hold. A `set` that
   * would exceed it throws `SessionTooLargeError` and changes nothing.
   * @default 262144 (256 KiB)
   */
  maxSize?: number
  /** How attribute values are encoded. @default devalueCodec */
  codec?: SessionCodec
  /**
   * What a failed store call does to the request. `'fail'`: the request fails with
   * `SessionStoreError` (HTTP 503) through the framework's error path. `'continue'`: the
   * request goes on with an empty session that is never saved and sets no cookie.
   * @default 'fail'
   */
  onStoreError?: 'fail' | 'continue'
  /**
   * Receives the framework's native request; `true` means no session work at all for it
   * (no cookie parsing, no store call). Use it for health checks and static files.
   */
  skip?: (req: Req) => boolean
  /** Lifecycle callbacks. */
  hooks?: SessionHooks
}

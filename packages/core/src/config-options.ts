/**
 * Options other session libraries take, with what to do instead: plain JavaScript callers
 * bringing their express-session, koa-session or @fastify/session options get told, not
 * silently ignored.
 */
export const FOREIGN_OPTIONS: Readonly<Record<string, string>> = {
  resave: 'fly-session writes only what changed, and never a session nobody changed: remove `resave`',
  saveUninitialized:
    'a new session is stored only once something is written to it: remove `saveUninitialized`',
  rolling: 'use `touchInterval` (seconds; 0 refreshes the expiry on every request)',
  renew: 'use `touchInterval` (seconds; 0 refreshes the expiry on every request)',
  genid: 'session IDs are always 32 random bytes from the CSPRNG: remove `genid`',
  name: 'use `cookie.name`',
  key: 'use `cookie.name`',
  maxAge: 'use `idleTimeout` (seconds) and `absoluteTimeout` (seconds)',
  proxy:
    "fly-session does not read X-Forwarded-Proto: set `cookie.secure` (default true) and your framework's trust-proxy setting",
  unset: 'use `session.invalidate()` to destroy a session',
  signed: 'the session cookie is always signed (HMAC-SHA-256 with `secret`)',
  overwrite: 'the session cookie is always added next to the cookies your app sets',
  encode: 'use `codec` ({ encode, decode })',
  decode: 'use `codec` ({ encode, decode })',
  httpOnly: 'use `cookie.httpOnly`',
  secure: 'use `cookie.secure`',
  sameSite: 'use `cookie.sameSite`',
  domain: 'use `cookie.domain`',
  path: 'use `cookie.path`',
  cookieName: 'use `cookie.name`',
  saveSession: 'the session is committed with the response: remove `saveSession`',
  secrets: 'use `secret` (a string, or an array whose first entry signs)',
}

/** Cookie options from other libraries, likewise. */
export const FOREIGN_COOKIE_OPTIONS: Readonly<Record<string, string>> = {
  maxAge: 'the cookie follows the session: use `idleTimeout` (seconds) or `cookie.persistent: false`',
  expires: 'the cookie follows the session: use `idleTimeout` (seconds) or `cookie.persistent: false`',
  signed: 'the session cookie is always signed (HMAC-SHA-256 with `secret`)',
  overwrite: 'the session cookie is always added next to the cookies your app sets',
  encode: 'the session cookie value is base64url and never needs encoding: remove `encode`',
}

/** Every option `createSessionManager` takes. */
export const KNOWN_OPTIONS: ReadonlySet<string> = new Set([
  'store',
  'secret',
  'cookie',
  'idleTimeout',
  'absoluteTimeout',
  'touchInterval',
  'hashIds',
  'maxSize',
  'codec',
  'onStoreError',
  'skip',
  'hooks',
])

/** Every cookie option. */
export const KNOWN_COOKIE_OPTIONS: ReadonlySet<string> = new Set([
  'name',
  'path',
  'domain',
  'secure',
  'httpOnly',
  'sameSite',
  'partitioned',
  'priority',
  'persistent',
])

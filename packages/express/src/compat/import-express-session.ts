import { type HttpSession, SessionConfigError, SessionStoreError } from '@fly-session/core'
import { expiringCookie, type OldCookieScope, readCookie } from '@fly-session/core/compat'
import { unsignExpressSessionCookie } from './signed-cookie'
import { untyped } from './untyped'

/** A session record as express-session stores keep it: the attributes, plus its `cookie`. */
export type ExpressSessionRecord = Record<string, unknown> & { cookie?: { expires?: string | Date | null } }

/**
 * What the importer needs of an express-session store (connect-redis, express-session's
 * MemoryStore, connect-mongo, ...): its callback API, which every such store implements.
 */
export interface ExpressSessionStoreLike {
  get(sid: string, callback: (error: unknown, session?: object | null) => void): unknown
  destroy(sid: string, callback: (error?: unknown) => void): unknown
}

/**
 * The old session's attributes as the importer hands them to `principal`: any names, with
 * passport's `passport.user` (the serialized user) typed, since it is what most apps map.
 */
export interface ImportedSessionData {
  passport?: { user?: string | number }
  [attribute: string]: unknown
}

/** Options of `fromExpressSession`: the express-session settings the old app ran with. */
export interface ExpressSessionImportOptions {
  /** The store express-session used, still holding the old sessions. */
  store: ExpressSessionStoreLike
  /** express-session's `secret` (every one of them, when it rotated). */
  secret: string | string[]
  /** express-session's cookie `name`. @default 'connect.sid' */
  name?: string
  /** express-session's `cookie.path` and `cookie.domain`, so the old cookie is removed where it was set. */
  cookie?: OldCookieScope
  /**
   * Who the imported session belongs to, from the old data; becomes the session's `principal`.
   * For passport: `(data) => data.passport?.user`. Omitted by default (no principal).
   */
  principal?: (data: ImportedSessionData) => string | number | null | undefined
}

/** Turns a request's old session into a fly-session one; what the compat `session()` runs. */
export interface SessionImporter {
  /** The old cookie's name (it must differ from fly-session's). */
  readonly cookieName: string
  /**
   * Moves the old session named by the Cookie header into `session` when `session` is new, and
   * resolves to the Set-Cookie values the response must carry (the old cookie, expired).
   */
  importInto(cookieHeader: string | undefined, session: HttpSession): Promise<string[]>
}

function call<T>(
  operation: string,
  run: (callback: (error: unknown, value?: T) => void) => unknown,
): Promise<T | undefined> {
  return new Promise((resolve, reject) => {
    let done = false
    const callback = (error: unknown, value?: T) => {
      if (done) return
      done = true
      if (error) reject(new SessionStoreError(operation, error))
      else resolve(value)
    }
    try {
      run(callback)
    } catch (error) {
      callback(error ?? new Error('store call threw'))
    }
  })
}

function isLive(record: ExpressSessionRecord): boolean {
  const expires = record.cookie?.expires
  if (expires === undefined || expires === null) return true
  return new Date(expires).getTime() > Date.now()
}

/** Moves the old attributes (and principal) into the new session. */
function carryOver(
  session: HttpSession,
  data: Record<string, unknown>,
  principal: ((data: ImportedSessionData) => string | number | null | undefined) | undefined,
): void {
  const target = untyped(session)
  for (const [name, value] of Object.entries(data)) target.set(name, value)
  const owner = principal?.(data)
  if (owner !== undefined && owner !== null && owner !== '') session.principal = String(owner)
}

/**
 * An importer for `session(options, { importFrom })` that keeps express-session's signed-in
 * users signed in across the switch: a request carrying a valid express-session cookie and no
 * fly-session one gets a fresh fly-session session (a new ID, never the old one) with the old
 * data; the old record is destroyed and the old cookie expired. A cookie with a bad signature
 * costs no store call; an unknown one costs one `get`.
 *
 * @example
 * app.use(session({ store, secret }, { importFrom: fromExpressSession({ store: oldRedisStore, secret: OLD_SECRET }) }))
 */
export function fromExpressSession(options: ExpressSessionImportOptions): SessionImporter {
  const secrets = typeof options.secret === 'string' ? [options.secret] : options.secret
  if (
    !Array.isArray(secrets) ||
    secrets.length === 0 ||
    secrets.some((s) => typeof s !== 'string' || s === '')
  ) {
    throw new SessionConfigError(
      'fromExpressSession: secret must be the express-session secret (a string or an array of them)',
    )
  }
  const { store } = options
  if (typeof store?.get !== 'function' || typeof store.destroy !== 'function') {
    throw new SessionConfigError(
      'fromExpressSession: store must be an express-session store (with get and destroy)',
    )
  }
  const name = options.name ?? 'connect.sid'
  const expire = [expiringCookie(name, options.cookie)]
  return {
    cookieName: name,
    async importInto(cookieHeader, session) {
      const raw = readCookie(cookieHeader, name)
      if (raw === undefined) return []
      if (!session.isNew) return expire
      const sid = unsignExpressSessionCookie(raw, secrets)
      if (sid === undefined) return []
      const record = (await call<object | null>('import get', (cb) => store.get(sid, cb))) as
        | ExpressSessionRecord
        | null
        | undefined
      if (record === undefined || record === null || !isLive(record)) return expire
      const { cookie: _cookie, ...data } = record
      carryOver(session, data, options.principal)
      await call('import destroy', (cb) => store.destroy(sid, cb))
      return expire
    },
  }
}

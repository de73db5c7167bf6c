import { type HttpSession, SessionConfigError, SessionStoreError } from '@fly-session/core'
import { expiringCookie, type OldCookieScope, readCookie } from '@fly-session/core/compat'
import type { Context } from 'koa'
import { verifyKoaCookie } from './keygrip'
import { untyped } from './untyped'

/** koa-session's external store (`store` option): promise-based `get` and `destroy`. */
export interface KoaSessionStoreLike {
  get(
    key: string,
    maxAge: number | 'session' | undefined,
    options: { rolling: boolean; ctx: Context },
  ): unknown
  destroy(key: string, options: { ctx: Context }): unknown
}

/**
 * The old session's attributes as the importer hands them to `principal`: any names, with
 * passport's `passport.user` (the serialized user) typed, since it is what most apps map.
 */
export interface ImportedSessionData {
  passport?: { user?: string | number }
  [attribute: string]: unknown
}

/** Options of `fromKoaSession`: the koa-session settings the old app ran with. */
export interface KoaSessionImportOptions {
  /** The app's `app.keys`, which signed koa-session's cookie (every one of them, when they rotated). */
  keys: string[]
  /** koa-session's `key` (the cookie name). @default 'koa.sess' */
  key?: string
  /** koa-session's `signed`. An unsigned old cookie can be forged, so importing it needs this set to false on purpose. @default true */
  signed?: boolean
  /** koa-session's `store`, when sessions lived in an external store; omitted for cookie-stored sessions. */
  store?: KoaSessionStoreLike
  /** koa-session's cookie `path` and `domain`, so the old cookies are removed where they were set. */
  cookie?: OldCookieScope
  /**
   * Who the imported session belongs to, from the old data; becomes the session's `principal`.
   * For koa-passport: `(data) => data.passport?.user`. Omitted by default (no principal).
   */
  principal?: (data: ImportedSessionData) => string | number | null | undefined
}

/** Turns a request's koa-session session into a fly-session one; what the compat `session()` runs. */
export interface KoaSessionImporter {
  /** The old cookie's name (it must differ from fly-session's). */
  readonly cookieName: string
  /**
   * Moves the old session into `session` when `session` is new, and resolves to the Set-Cookie
   * values the response must carry (the old cookies, expired).
   */
  importInto(ctx: Context, cookieHeader: string | undefined, session: HttpSession): Promise<string[]>
}

function decodeCookieSession(value: string): Record<string, unknown> | undefined {
  try {
    const data: unknown = JSON.parse(Buffer.from(value, 'base64').toString('utf8'))
    return typeof data === 'object' && data !== null && !Array.isArray(data)
      ? (data as Record<string, unknown>)
      : undefined
  } catch {
    return undefined
  }
}

/** The old data without koa-session's own fields (`_expire`, `_maxAge`, `_session`); `undefined` once expired. */
function liveData(data: Record<string, unknown> | null | undefined): Record<string, unknown> | undefined {
  if (typeof data !== 'object' || data === null) return undefined
  if (typeof data._expire === 'number' && data._expire < Date.now()) return undefined
  return Object.fromEntries(Object.entries(data).filter(([name]) => !name.startsWith('_')))
}

async function storeCall<T>(operation: string, run: () => unknown): Promise<T> {
  try {
    return (await run()) as T
  } catch (error) {
    throw new SessionStoreError(operation, error)
  }
}

/**
 * An importer for `session(options, { importFrom })` that keeps koa-session's signed-in users
 * signed in across the switch: a request carrying a valid koa-session session (cookie-stored,
 * or a key into its external store) and no fly-session one gets a fresh fly-session session
 * with the old data; the old record is destroyed and the old cookies expired. A cookie with a
 * bad signature costs no store call; an unknown key costs one `get`.
 *
 * @example
 * app.use(session({ store, secret }, { importFrom: fromKoaSession({ keys: app.keys }) }))
 */
export function fromKoaSession(options: KoaSessionImportOptions): KoaSessionImporter {
  const signed = options.signed ?? true
  const keys = options.keys
  if (
    signed &&
    (!Array.isArray(keys) || keys.length === 0 || keys.some((k) => typeof k !== 'string' || k === ''))
  ) {
    throw new SessionConfigError('fromKoaSession: keys must be the app.keys that signed koa-session cookies')
  }
  const { store } = options
  if (store !== undefined && (typeof store.get !== 'function' || typeof store.destroy !== 'function')) {
    throw new SessionConfigError('fromKoaSession: store must be a koa-session store (with get and destroy)')
  }
  const name = options.key ?? 'koa.sess'
  const expire = [expiringCookie(name, options.cookie)]
  if (signed) expire.push(expiringCookie(`${name}.sig`, options.cookie))
  return {
    cookieName: name,
    async importInto(ctx, cookieHeader, session) {
      const raw = readCookie(cookieHeader, name, true)
      if (raw === undefined) return []
      if (!session.isNew) return expire
      if (signed) {
        const signature = readCookie(cookieHeader, `${name}.sig`, true)
        if (signature === undefined || !verifyKoaCookie(name, raw, signature, keys)) return []
      }
      const data =
        store === undefined
          ? liveData(decodeCookieSession(raw))
          : liveData(
              await storeCall<Record<string, unknown> | null>('import get', () =>
                store.get(raw, undefined, { rolling: false, ctx }),
              ),
            )
      if (data === undefined) return expire
      const target = untyped(session)
      for (const [attribute, value] of Object.entries(data)) target.set(attribute, value)
      const owner = options.principal?.(data as ImportedSessionData)
      if (owner !== undefined && owner !== null && owner !== '') session.principal = String(owner)
      if (store !== undefined) await storeCall('import destroy', () => store.destroy(raw, { ctx }))
      return expire
    },
  }
}

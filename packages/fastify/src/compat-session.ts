import {
  type HttpSession,
  type SessionData,
  type SessionLifecycle,
  type SessionManager,
  trackMutations,
  WRAPPED_SESSION,
} from '@fly-session/core'

/**
 * What `@fastify/session` users and `@fastify/passport` call on `request.session`, on top of
 * `HttpSession`. Each maps onto core; the callback forms exist because `@fastify/session`
 * documents them (`request.session.destroy(next)`).
 */
export interface FastifySessionCompat {
  /** The raw session ID, as `@fastify/session` names it (same as `id`). Never log it. */
  readonly sessionId: string
  /**
   * The cookie's expiry, read-only: `expires` (a `Date`) and `maxAge` (milliseconds left).
   * The cookie's attributes are configuration (the `cookie` option), not per request.
   */
  readonly cookie: { readonly expires: Date; readonly maxAge: number }
  /**
   * A new session ID (call it on login). Unlike `HttpSession.regenerate()`, this returns a
   * promise (settled at once: the store write happens before the reply is sent). With `keep`,
   * only the attributes it names survive, as in `@fastify/session`; without it every
   * attribute is kept, as in core (`@fastify/session` would start empty).
   */
  regenerate(keep?: readonly string[]): Promise<void>
  regenerate(callback: (error?: Error) => void): void
  regenerate(keep: readonly string[], callback: (error?: Error) => void): void
  /** Ends the session: `invalidate()`. The record is deleted and the cookie expired before the reply is sent. */
  destroy(): Promise<void>
  destroy(callback: (error?: Error) => void): void
  /** Resolves at once: every change is saved before the reply is sent, so there is nothing to force. */
  save(): Promise<void>
  save(callback: (error?: Error) => void): void
  /** Loads the request's session from the store again, dropping the changes made so far in this request. */
  reload(): Promise<void>
  reload(callback: (error?: Error) => void): void
  /** Does nothing: the expiry is refreshed by core on its own, at most every `touchInterval` seconds. */
  touch(): void
  /** The attributes as a plain object (what `@fastify/secure-session`'s `data()` returns). */
  data(): Record<string, unknown>
}

/**
 * `request.session` on Fastify: the `HttpSession`, what `@fastify/session` users rely on, and
 * attributes as properties (`request.session.userId`, `delete request.session.userId`).
 * Properties cover attributes whose names are not a member's; `get`/`set` reach any name.
 */
export type FastifySession<T extends object = SessionData> = Omit<HttpSession<T>, 'regenerate'> &
  FastifySessionCompat & {
    [K in Exclude<keyof T, keyof HttpSession<T> | keyof FastifySessionCompat>]?: T[K]
  }

type Callback = (error?: Error) => void

/** What one request's facade points at; `reload()` swaps both. */
interface FacadeState {
  manager: SessionManager
  cookieHeader: string | undefined
  lifecycle: SessionLifecycle
  // Properties reach attributes of any name, so the facade sees the session untyped.
  session: HttpSession<Record<string, unknown>>
  tracking: boolean
}

const kState = Symbol('fly-session.fastify.state')
type Facade = { [kState]: FacadeState }

/** Runs `change` and reports its outcome the way the caller asked: a callback, or a promise. */
function settle(
  change: () => void | Promise<void>,
  callback: Callback | undefined,
): Promise<void> | undefined {
  const done = (async () => change())()
  if (callback === undefined) return done
  done.then(
    () => callback(),
    (error: Error) => callback(error),
  )
  return undefined
}

/**
 * The `HttpSession` properties, read (and the writable ones written) straight through to the
 * session, so a property core adds later needs only its name here.
 */
const PROPERTIES: ReadonlySet<string | symbol> = new Set<keyof HttpSession>([
  'id',
  'isNew',
  'createdAt',
  'lastAccessedAt',
  'expiresAt',
  'modified',
  'invalidated',
  'principal',
  'idleTimeout',
  'absoluteTimeout',
])
const WRITABLE: ReadonlySet<string | symbol> = new Set<keyof HttpSession>([
  'principal',
  'idleTimeout',
  'absoluteTimeout',
])

/** The methods of `request.session` and what `@fastify/session` adds, called with the facade as `this`. */
const members = {
  get sessionId() {
    return state(this).session.id
  },
  get cookie() {
    const { expiresAt } = state(this).session
    return { expires: new Date(expiresAt), maxAge: Math.max(0, expiresAt - Date.now()) }
  },
  get(name: string) {
    return state(this).session.get(name)
  },
  set(name: string, value: unknown) {
    // `@fastify/session` (and `@fastify/passport`'s logout) clear an attribute by setting it to undefined.
    if (value === undefined) state(this).session.remove(name)
    else state(this).session.set(name, value)
  },
  remove(name: string) {
    state(this).session.remove(name)
  },
  has(name: string) {
    return state(this).session.has(name)
  },
  keys() {
    return state(this).session.keys()
  },
  invalidate() {
    state(this).session.invalidate()
  },
  regenerate(keepOrCallback?: readonly string[] | Callback, callback?: Callback) {
    const { session } = state(this)
    const keep = Array.isArray(keepOrCallback) ? keepOrCallback : undefined
    return settle(
      () => {
        if (keep !== undefined)
          for (const name of session.keys()) if (!keep.includes(name)) session.remove(name)
        session.regenerate()
      },
      typeof keepOrCallback === 'function' ? keepOrCallback : callback,
    )
  },
  destroy(callback?: Callback) {
    return settle(() => state(this).session.invalidate(), callback)
  },
  save(callback?: Callback) {
    return settle(() => undefined, callback)
  },
  reload(callback?: Callback) {
    const current = state(this)
    return settle(async () => {
      const lifecycle = current.manager.begin(current.cookieHeader)
      current.session = (await lifecycle.load()) as unknown as FacadeState['session']
      current.lifecycle = lifecycle
      current.tracking = false
    }, callback)
  },
  touch() {},
  data() {
    const { session } = state(this)
    return Object.fromEntries(session.keys().map((name) => [name, session.get(name)]))
  },
}

function state(facade: unknown): FacadeState {
  return (facade as Facade)[kState]
}

function isMember(key: string | symbol): key is keyof typeof members {
  return Object.hasOwn(members, key)
}

/** Attributes as properties; members first. One handler for every request's facade. */
const handler: ProxyHandler<FacadeState> = {
  get(target, key, receiver) {
    if (key === kState) return target
    // The manager's principal calls take `request.session` as `current` / `except`.
    if (key === WRAPPED_SESSION) return target.session
    if (PROPERTIES.has(key)) return Reflect.get(target.session, key)
    if (isMember(key)) return Reflect.get(members, key, receiver)
    if (typeof key !== 'string') return undefined
    // Code written for @fastify/session changes what a property returned in place
    // (`request.session.cart.items.push(item)`): from the first property read on, core finds
    // such changes at commit. `get()` alone keeps core's cheaper snapshot semantics.
    if (!target.tracking) {
      trackMutations(target.session as unknown as HttpSession)
      target.tracking = true
    }
    return target.session.get(key)
  },
  set(target, key, value, receiver) {
    // Assigning a read-only property or a method fails (a TypeError in strict code).
    if (WRITABLE.has(key)) return Reflect.set(target.session, key, value)
    if (typeof key !== 'string' || PROPERTIES.has(key) || isMember(key)) return false
    members.set.call(receiver, key, value)
    return true
  },
  deleteProperty(target, key) {
    if (typeof key !== 'string' || PROPERTIES.has(key) || isMember(key)) return false
    target.session.remove(key)
    return true
  },
  has(target, key) {
    return PROPERTIES.has(key) || isMember(key) || (typeof key === 'string' && target.session.has(key))
  },
  ownKeys(target) {
    return target.session.keys()
  },
  getOwnPropertyDescriptor(target, key) {
    if (typeof key !== 'string' || !target.session.has(key)) return undefined
    return { value: target.session.get(key), writable: true, enumerable: true, configurable: true }
  },
}

/** Begins and loads one request's session, and wraps it as `request.session`. */
export async function openFastifySession(
  manager: SessionManager,
  cookieHeader: string | undefined,
): Promise<FastifySession> {
  const lifecycle = manager.begin(cookieHeader)
  const session = (await lifecycle.load()) as unknown as FacadeState['session']
  const target: FacadeState = { manager, cookieHeader, lifecycle, session, tracking: false }
  return new Proxy(target, handler) as unknown as FastifySession
}

/** The lifecycle behind a facade (the current one, after a `reload()`). */
export function lifecycleOf(session: FastifySession): SessionLifecycle {
  return state(session).lifecycle
}

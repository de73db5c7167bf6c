import { inspect } from 'node:util'

import { type HttpSession, SessionStateError, WRAPPED_SESSION } from '@fly-session/core'

import { type Callback, settle } from '@fly-session/core/compat'
import type { SessionCookieView } from './cookie-view'
import { propertyStyle, untyped } from './untyped'

/**
 * `req.session` under `@fly-session/express/compat`: express-session's `Session`. Attributes
 * are its own enumerable properties (plus `cookie`), so `Object.keys`, spread, `in` and
 * `JSON.stringify` see exactly what express-session would; the methods and `id` are not
 * enumerable. Declare `FlySession.SessionData` to type the attributes.
 */
export interface ExpressCompatSession {
  /** The session ID (unsigned), as `req.sessionID`. Changes on `regenerate`. */
  readonly id: string
  /** The session cookie; assign `cookie.maxAge` (milliseconds) to change this session's lifetime. */
  cookie: SessionCookieView
  /**
   * New ID, data dropped, old record destroyed (at the commit). `req.session` is then a new
   * object; the old one keeps the old data for reading (passport's `keepSessionInfo` needs it).
   */
  regenerate(callback: Callback): void
  regenerate(): Promise<void>
  /**
   * Calls back without writing: the store write happens once, at the end of the response
   * (before it completes), as a delta that includes nested changes.
   */
  save(callback: Callback): void
  save(): Promise<void>
  /** Destroys the session (at the commit; the response expires the cookie) and deletes `req.session`. */
  destroy(callback: Callback): void
  destroy(): Promise<void>
  /** Replaces the attributes with what the store holds now; fails for a session not stored yet. */
  reload(callback: Callback): void
  reload(): Promise<void>
  /** Kept for express-session code: fly-session refreshes the expiry itself (`touchInterval`). */
  touch(): this
  /** Kept for express-session code: a no-op, as `touch`. */
  resetMaxAge(): this
  [attribute: string]: unknown
}

/** What the session objects of one request share. */
export interface SessionObjectContext {
  readonly native: HttpSession
  readonly cookie: SessionCookieView
  /** Reads the stored record again through a fresh lifecycle. */
  loadStored(): Promise<HttpSession>
  /** Where `req.session` lives: replaced on `regenerate`, deleted on `destroy`. */
  replace(next: ExpressCompatSession | undefined): void
}

/** Where one session object's attributes live: the request's session, or a snapshot once replaced. */
interface Attributes {
  read(name: string): unknown
  write(name: string, value: unknown): void
  remove(name: string): void
  has(name: string): boolean
  keys(): string[]
}

const methodNames = new Set(['regenerate', 'save', 'destroy', 'reload', 'touch', 'resetMaxAge'])

function snapshotOf(attributes: Attributes): Attributes {
  const values = new Map(attributes.keys().map((name) => [name, attributes.read(name)]))
  return {
    read: (name) => values.get(name),
    write: (name, value) => void values.set(name, value),
    remove: (name) => void values.delete(name),
    has: (name) => values.has(name),
    keys: () => [...values.keys()],
  }
}

function replacedError(): SessionStateError {
  return new SessionStateError(
    'this session object was replaced by regenerate() or destroy(): use req.session',
  )
}

/** The state of one request's compat session: its attributes and what happened to it. */
export class CompatSessionState {
  readonly attributes: HttpSession<Record<string, unknown>>
  regenerated = false
  destroyed = false

  constructor(readonly context: SessionObjectContext) {
    this.attributes = propertyStyle(context.native)
  }

  /**
   * Called as the response ends, before the commit. express-session does not store a session
   * that regenerate() emptied and nothing refilled (passport's logout): destroying the old one
   * and expiring the cookie gives the next request the same answer without an empty record.
   */
  beforeCommit(): void {
    const { native } = this.context
    if (this.destroyed || native.invalidated) return
    if (this.regenerated && native.keys().length === 0 && native.principal === undefined) native.invalidate()
  }

  /** A new `req.session` object over the request's session. */
  create(): ExpressCompatSession {
    const { native } = this.context
    const session = this.attributes
    const attached: Attributes = {
      read: (name) => session.get(name),
      write: (name, value) => session.set(name, value),
      remove: (name) => session.remove(name),
      has: (name) => native.has(name as never),
      keys: () => native.keys(),
    }
    return this.#proxy(attached)
  }

  #proxy(initial: Attributes): ExpressCompatSession {
    let attributes = initial
    let current = true
    const state = this
    const { context } = this
    const detach = () => {
      attributes = snapshotOf(attributes)
      current = false
    }
    const methods: Record<string, (...args: never[]) => unknown> = {
      regenerate(callback?: Callback) {
        return settle(() => {
          if (!current) throw replacedError()
          const { native } = context
          native.regenerate()
          detach()
          for (const name of native.keys()) native.remove(name as never)
          native.principal = undefined
          state.regenerated = true
          context.replace(state.create())
        }, callback)
      },
      save(callback?: Callback) {
        // Nothing to hand over: core finds nested changes at the commit, the one write of the request.
        return settle(() => {
          if (!current) throw replacedError()
        }, callback)
      },
      destroy(callback?: Callback) {
        return settle(() => {
          if (!current) throw replacedError()
          context.native.invalidate()
          detach()
          state.destroyed = true
          context.replace(undefined)
        }, callback)
      },
      reload(callback?: Callback) {
        return settle(async () => {
          if (!current) throw replacedError()
          await state.#reload()
        }, callback)
      },
      touch() {
        return proxy
      },
      resetMaxAge() {
        return proxy
      },
    }
    const descriptor = (value: unknown): PropertyDescriptor => ({
      value,
      writable: true,
      enumerable: true,
      configurable: true,
    })
    const target = Object.create({
      [inspect.custom]: () => JSON.parse(JSON.stringify(proxy)) as unknown,
    }) as ExpressCompatSession
    const proxy: ExpressCompatSession = new Proxy(target, {
      get(_, name) {
        // listSessions({ current }) and invalidateAll({ except }) recognise req.session as its session.
        if (name === WRAPPED_SESSION) return context.native
        if (typeof name === 'symbol') return Reflect.get(target, name)
        if (methodNames.has(name)) return methods[name]
        if (name === 'id') return context.native.id
        if (name === 'cookie') return context.cookie
        // Object.prototype's methods (`hasOwnProperty`, `toString`) work as on a plain object.
        if (!attributes.has(name) && name in target) return Reflect.get(target, name)
        return attributes.read(name)
      },
      set(_, name, value) {
        if (typeof name === 'symbol') return Reflect.set(target, name, value)
        if (name === 'cookie') {
          // passport's keepSessionInfo merges the old object's properties, `cookie` included.
          if (value === context.cookie) return true
          throw new SessionStateError('req.session.cookie cannot be replaced: assign cookie.maxAge instead')
        }
        if (methodNames.has(name) || name === 'id') {
          throw new SessionStateError(`req.session.${name} is part of the session API, not an attribute`)
        }
        attributes.write(name, value)
        return true
      },
      deleteProperty(_, name) {
        if (typeof name === 'symbol') return Reflect.deleteProperty(target, name)
        if (methodNames.has(name) || name === 'id' || name === 'cookie') return false
        attributes.remove(name)
        return true
      },
      has(_, name) {
        if (typeof name === 'symbol') return Reflect.has(target, name)
        return methodNames.has(name) || name === 'id' || name === 'cookie' || attributes.has(name)
      },
      ownKeys: () => ['cookie', ...attributes.keys()],
      getOwnPropertyDescriptor(_, name) {
        if (typeof name === 'symbol') return undefined
        if (name === 'cookie') return descriptor(context.cookie)
        return attributes.has(name) ? descriptor(attributes.read(name)) : undefined
      },
      defineProperty(_, name, property) {
        if (typeof name === 'symbol' || !('value' in property)) return false
        return Reflect.set(proxy, name, property.value)
      },
    })
    return proxy
  }

  async #reload(): Promise<void> {
    const { native } = this.context
    // express-session's answer for a session the store does not hold (yet).
    const missing = () => new Error('failed to load session')
    if (native.isNew || this.regenerated) throw missing()
    const stored = await this.context.loadStored()
    if (stored.isNew) throw missing()
    const target = untyped(native)
    const source = untyped(stored)
    for (const name of target.keys()) if (!source.has(name)) target.remove(name)
    // core records a set whose encoding is unchanged as no change, so only what differs is written.
    for (const name of source.keys()) target.set(name, source.get(name))
    if (target.principal !== stored.principal) target.principal = stored.principal
  }
}

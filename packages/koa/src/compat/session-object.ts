import { inspect } from 'node:util'

import { type HttpSession, SessionStateError, WRAPPED_SESSION } from '@fly-session/core'

import { type Callback, lifetimeMs, setLifetimeMs, settle } from '@fly-session/core/compat'
import { propertyStyle } from './untyped'

/**
 * `ctx.session` under `@fly-session/koa/compat`: koa-session's `Session`. Attributes are its
 * own enumerable properties; the rest (`isNew`, `length`, `maxAge`, the methods) is not
 * enumerable, so `Object.keys`, spread and `JSON.stringify` see the attributes only.
 * Declare `FlySession.SessionData` to type the attributes.
 */
export interface KoaCompatSession {
  /** True when the session was created during this request. */
  readonly isNew: boolean
  /** How many attributes are set. */
  readonly length: number
  /** True when at least one attribute is set. */
  readonly populated: boolean
  /**
   * This session's lifetime in milliseconds (`'session'` for browser-session cookies); assign
   * a number to change it for this session only ("remember me").
   */
  maxAge: number | 'session'
  /** The attributes as a plain object. */
  toJSON(): Record<string, unknown>
  /** Calls back without writing: the store write happens once, before the response, as a delta. */
  save(callback: Callback): void
  save(): Promise<void>
  /** A new session ID, data kept, the old ID dead once the request commits (koa-session's `regenerate`). */
  regenerate(callback: Callback): void
  regenerate(): Promise<void>
  /** Kept for koa-session code: fly-session always commits before the response. */
  manuallyCommit(): Promise<void>
  [attribute: string]: unknown
}

/** What the session object of one request needs. */
export interface KoaSessionContext {
  readonly native: HttpSession
  /** True for `cookie.persistent: false` (what koa-session calls `maxAge: 'session'`). */
  readonly browserSession: boolean
}

const apiNames = new Set([
  'isNew',
  'length',
  'populated',
  'maxAge',
  'toJSON',
  'save',
  'regenerate',
  'manuallyCommit',
  'commit',
])

/** One request's compat session: the object handed out as `ctx.session`, and what happened to it. */
export class KoaCompatState {
  readonly attributes: HttpSession<Record<string, unknown>>
  readonly object: KoaCompatSession
  #destroyed = false

  constructor(readonly context: KoaSessionContext) {
    this.attributes = propertyStyle(context.native)
    this.object = this.#proxy()
  }

  /** `ctx.session`: the session object, or `null` once `ctx.session = null` destroyed it. */
  get(): KoaCompatSession | null {
    return this.#destroyed ? null : this.object
  }

  /** `ctx.session = null` destroys the session; `ctx.session = { ... }` replaces its attributes. */
  set(value: unknown): void {
    if (value === null) {
      this.context.native.invalidate()
      this.#destroyed = true
      return
    }
    if (typeof value !== 'object' || value === undefined) {
      throw new SessionStateError('ctx.session can only be set to null or an object')
    }
    if (this.#destroyed)
      throw new SessionStateError('ctx.session was set to null in this request: the session is destroyed')
    const entries = Object.entries(value as Record<string, unknown>).filter(([name]) => !apiNames.has(name))
    const keep = new Set(entries.map(([name]) => name))
    for (const name of this.attributes.keys()) if (!keep.has(name)) this.attributes.remove(name)
    for (const [name, attribute] of entries) this.attributes.set(name, attribute)
  }

  #proxy(): KoaCompatSession {
    const { native, browserSession } = this.context
    const session = this.attributes
    const attributes = () => Object.fromEntries(native.keys().map((name) => [name, session.get(name)]))
    const api: Record<string, () => unknown> = {
      isNew: () => native.isNew,
      length: () => native.keys().length,
      populated: () => native.keys().length > 0,
      maxAge: () => (browserSession ? 'session' : lifetimeMs(native)),
      toJSON: () => attributes,
      // Nothing to hand over: core finds nested changes at the commit, the one write of the request.
      save: () => (callback?: Callback) => settle(() => undefined, callback),
      regenerate: () => (callback?: Callback) => settle(() => native.regenerate(), callback),
      manuallyCommit: () => () => Promise.resolve(),
      commit: () => () => Promise.resolve(),
    }
    const descriptor = (value: unknown): PropertyDescriptor => ({
      value,
      writable: true,
      enumerable: true,
      configurable: true,
    })
    const target = Object.create({ [inspect.custom]: attributes }) as KoaCompatSession
    return new Proxy(target, {
      get(_, name) {
        // listSessions({ current }) and invalidateAll({ except }) recognise ctx.session as its session.
        if (name === WRAPPED_SESSION) return native
        if (typeof name === 'symbol') return Reflect.get(target, name)
        if (apiNames.has(name)) return api[name]?.()
        // Object.prototype's methods (`hasOwnProperty`, `toString`) work as on a plain object.
        if (!native.has(name as never) && name in target) return Reflect.get(target, name)
        return session.get(name)
      },
      set(_, name, value) {
        if (typeof name === 'symbol') return Reflect.set(target, name, value)
        if (name === 'maxAge') {
          setLifetimeMs(native, value, 'ctx.session.maxAge')
          return true
        }
        if (apiNames.has(name)) {
          throw new SessionStateError(`ctx.session.${name} is part of the session API, not an attribute`)
        }
        session.set(name, value)
        return true
      },
      deleteProperty(_, name) {
        if (typeof name === 'symbol') return Reflect.deleteProperty(target, name)
        if (apiNames.has(name)) return false
        session.remove(name)
        return true
      },
      has(_, name) {
        if (typeof name === 'symbol') return Reflect.has(target, name)
        return apiNames.has(name) || native.has(name as never)
      },
      ownKeys: () => native.keys(),
      getOwnPropertyDescriptor(_, name) {
        if (typeof name === 'symbol' || !native.has(name as never)) return undefined
        return descriptor(session.get(name))
      },
      defineProperty(_, name, property) {
        if (typeof name === 'symbol' || !('value' in property) || apiNames.has(name)) return false
        session.set(name, property.value)
        return true
      },
    })
  }
}

import type { ResolvedConfig } from './config'
import { expiryOf } from './deadlines'
import { SessionError, SessionStateError, SessionTooLargeError } from './errors'
import type { HttpSession, SessionData } from './http-session'
import { checkLifetime } from './lifetime'
import { generateSessionId, storeKeyFor } from './session-id'
import type { SessionPatch, StoredSession } from './store'
import { checkValueBudget, MAX_NESTING_DEPTH } from './value-budget'
import { isWellFormed } from './well-formed'

/** What a session starts from: a stored record, or nothing (a new session). */
export interface SessionSeed {
  /** The loaded session's ID, with its store key; absent for a new session (generated on first use). */
  id: string | undefined
  key: string | undefined
  isNew: boolean
  createdAt: number
  lastAccessedAt: number
  principal: string | undefined
  attributes: Record<string, string> | undefined
  /** The session's own timeouts in seconds, when it overrides the manager's. */
  idleTimeout?: number | undefined
  absoluteTimeout?: number | undefined
}

/**
 * The phases of a session inside one request. `open`: anything goes. `sealed`: the response
 * headers (and so the cookie) are decided; changes that would need a different cookie throw.
 * `closed`: the commit has started; every change throws.
 */
type Phase = 'open' | 'sealed' | 'closed'

function byteSize(name: string, encoded: string): number {
  return Buffer.byteLength(name) + Buffer.byteLength(encoded)
}

/** Names and principals reach stores as text; a lone surrogate would not survive UTF-8. */
function assertStorableText(what: string, text: unknown, allowEmpty: boolean): asserts text is string {
  if (typeof text !== 'string' || (text.length === 0 && !allowEmpty)) {
    throw new SessionError('UNSERIALIZABLE', `${what} must be a ${allowEmpty ? '' : 'non-empty '}string`)
  }
  if (!isWellFormed(text)) {
    throw new SessionError(
      'UNSERIALIZABLE',
      `${what} is not well-formed UTF-16 (it has a lone surrogate), so no store could keep it exactly`,
    )
  }
}

function refuseCallback(method: string, args: unknown[]): void {
  if (typeof args[0] === 'function') {
    throw new SessionStateError(
      `${method} takes no callback: it returns at once and the change is committed with the response. ` +
        'For passport and other express-session style code use @fly-session/express/compat (or /koa/compat)',
    )
  }
}

const inspectSymbol = Symbol.for('nodejs.util.inspect.custom')

/**
 * The `HttpSession` implementation: attributes kept encoded (decoded lazily on `get`), with
 * per-attribute dirty tracking so a commit can send only what changed.
 */
export class Session<T extends object = SessionData> implements HttpSession<T> {
  readonly isNew: boolean
  readonly createdAt: number
  #id: string | undefined
  #key: string | undefined
  #lastAccessedAt: number
  #principal: string | undefined
  #principalChanged = false
  readonly #encoded: Map<string, string>
  // Created on first use: most requests only read, and allocation shows in the profile.
  #decoded: Map<string, unknown> | undefined
  #changed: Set<string> | undefined
  #removed: Set<string> | undefined
  #size: number | undefined
  #invalidated = false
  #previous: { id: string; key: string } | undefined
  #phase: Phase = 'open'
  #cookieIssued = false
  // Private, not a parameter property: a public field would put the secrets and the store in
  // every `JSON.stringify(session)`, `console.log(session)` and hook argument.
  readonly #config: ResolvedConfig
  #idleTimeout: number | undefined
  #absoluteTimeout: number | undefined
  #lifetimeChanged = false
  #trackingMutations = false

  constructor(config: ResolvedConfig, seed: SessionSeed) {
    this.#config = config
    this.#idleTimeout = seed.idleTimeout
    this.#absoluteTimeout = seed.absoluteTimeout
    this.#id = seed.id
    this.#key = seed.key
    this.isNew = seed.isNew
    this.createdAt = seed.createdAt
    this.#lastAccessedAt = seed.lastAccessedAt
    this.#principal = seed.principal
    this.#encoded = new Map()
    // Not `new Map(Object.entries(...))`: that builds an array per attribute on every load.
    const attributes = seed.attributes
    if (attributes !== undefined)
      for (const name of Object.keys(attributes)) this.#encoded.set(name, attributes[name]!)
  }

  get id(): string {
    // A new session's ID is drawn when first needed: a request that writes nothing never pays for it.
    this.#id ??= generateSessionId()
    return this.#id
  }

  get lastAccessedAt(): number {
    return this.#lastAccessedAt
  }

  get expiresAt(): number {
    return this.expiresAtIf(this.#lastAccessedAt)
  }

  get modified(): boolean {
    return (
      (this.#changed?.size ?? 0) > 0 ||
      (this.#removed?.size ?? 0) > 0 ||
      this.#principalChanged ||
      this.#lifetimeChanged ||
      this.#previous !== undefined
    )
  }

  get idleTimeout(): number {
    return this.#idleTimeout ?? this.#config.idleTimeoutMs / 1000
  }

  set idleTimeout(seconds: number | undefined) {
    this.#assertWritable('setting idleTimeout')
    if (seconds !== undefined) checkLifetime({ idleTimeout: seconds, absoluteTimeout: this.absoluteTimeout })
    this.#idleTimeout = seconds
    this.#lifetimeChanged = true
  }

  get absoluteTimeout(): number {
    return this.#absoluteTimeout ?? this.#config.absoluteTimeoutMs / 1000
  }

  set absoluteTimeout(seconds: number | undefined) {
    this.#assertWritable('setting absoluteTimeout')
    if (seconds !== undefined) checkLifetime({ idleTimeout: this.idleTimeout, absoluteTimeout: seconds })
    this.#absoluteTimeout = seconds
    this.#lifetimeChanged = true
  }

  /** True when a per-session timeout was set during this request (the cookie's Max-Age changes). */
  get lifetimeChanged(): boolean {
    return this.#lifetimeChanged
  }

  /** How often an unmodified session's expiry is refreshed: halved for a session whose own idle timeout is that short. Milliseconds. */
  get touchIntervalMs(): number {
    const configured = this.#config.touchIntervalMs
    return this.#idleTimeout === undefined ? configured : Math.min(configured, (this.#idleTimeout * 1000) / 2)
  }

  /** The absolute deadline: createdAt + the absolute timeout. Epoch milliseconds. */
  get absoluteDeadline(): number {
    return this.createdAt + this.absoluteTimeout * 1000
  }

  get invalidated(): boolean {
    return this.#invalidated
  }

  get principal(): string | undefined {
    return this.#principal
  }

  set principal(value: string | undefined) {
    this.#assertWritable('setting principal')
    if (value !== undefined) assertStorableText('principal', value, false)
    if (value === this.#principal) return
    this.#principal = value
    this.#principalChanged = true
  }

  get<K extends keyof T>(name: K): T[K] | undefined {
    const key = name as string
    if (this.#decoded?.has(key)) return this.#decoded.get(key) as T[K]
    const text = this.#encoded.get(key)
    if (text === undefined) return undefined
    let value: unknown
    try {
      value = this.#config.codec.decode(text)
    } catch (cause) {
      throw new SessionError(
        'UNDECODABLE',
        `attribute "${key}" could not be decoded (was the codec changed?)`,
        {
          cause,
        },
      )
    }
    this.#decoded ??= new Map()
    this.#decoded.set(key, value)
    return value as T[K]
  }

  set<K extends keyof T>(name: K, value: T[K]): void {
    const key = name as string
    this.#assertWritable(`set("${key}")`)
    assertStorableText('an attribute name', key, true)
    const previous = this.#encoded.get(key)
    const previousSize = previous === undefined ? 0 : byteSize(key, previous)
    const others = this.#currentSize() - previousSize
    // What the value may cost and still fit, or at least not grow a session that is already
    // over the limit; the walk stops there, before any encoding work.
    const budget = Math.max(this.#config.maxSize - others, previousSize) - Buffer.byteLength(key)
    const refusal = checkValueBudget(value, budget)
    if (refusal?.reason === 'depth') {
      throw new SessionError(
        'UNSERIALIZABLE',
        `attribute "${key}" cannot be stored: value is nested deeper than ${MAX_NESTING_DEPTH} levels`,
      )
    }
    if (refusal !== undefined) {
      throw new SessionTooLargeError(
        others + Buffer.byteLength(key) + refusal.atLeast,
        this.#config.maxSize,
        key,
      )
    }
    this.#store(key, this.#encode(key, value), others)
    // Under trackMutations the caller's object is the attribute, as in express-session: get()
    // hands it out and the commit encodes it again, so changes made to it after set() are kept.
    if (this.#trackingMutations && typeof value === 'object' && value !== null) {
      this.#decoded ??= new Map()
      this.#decoded.set(key, value)
    }
  }

  #encode(key: string, value: unknown): string {
    let text: string
    try {
      text = this.#config.codec.encode(value)
    } catch (cause) {
      throw new SessionError(
        'UNSERIALIZABLE',
        `attribute "${key}" cannot be stored: ${(cause as Error).message}`,
        {
          cause,
        },
      )
    }
    if (typeof text !== 'string' || !isWellFormed(text)) {
      throw new SessionError(
        'UNSERIALIZABLE',
        `attribute "${key}": the codec did not return well-formed text`,
      )
    }
    return text
  }

  /** Records `text` as the attribute's value when it differs; `others` is the size of every other attribute. */
  #store(key: string, text: string, others: number): void {
    const previous = this.#encoded.get(key)
    // get() decodes from the snapshot, so it returns what was stored, not the caller's live object.
    this.#decoded?.delete(key)
    if (text === previous) return
    const size = others + byteSize(key, text)
    if (size > this.#config.maxSize && size > this.#currentSize()) {
      throw new SessionTooLargeError(size, this.#config.maxSize, key)
    }
    this.#size = size
    this.#encoded.set(key, text)
    this.#changed ??= new Set()
    this.#changed.add(key)
    this.#removed?.delete(key)
  }

  /** From now on, values returned by `get()` or passed to `set()` that were changed in place are written at commit. */
  trackMutations(): void {
    this.#trackingMutations = true
  }

  /**
   * Re-encodes every value handed out by `get()` (when tracking mutations) and records those
   * that differ from what was loaded, before the commit decides what to write.
   */
  flushMutations(): void {
    if (!this.#trackingMutations || this.#decoded === undefined || this.#phase === 'closed') return
    // A new session whose headers left without a cookie can no longer be stored (as in set()).
    if (this.#phase === 'sealed' && this.isNew && !this.#cookieIssued) return
    for (const [key, value] of [...this.#decoded]) {
      const text = this.#encode(key, value)
      const previous = this.#encoded.get(key)
      if (text === previous) continue
      this.#store(key, text, this.#currentSize() - (previous === undefined ? 0 : byteSize(key, previous)))
      // Keep handing out the object the handler holds.
      this.#decoded.set(key, value)
    }
  }

  remove(name: keyof T): void {
    const key = name as string
    this.#assertWritable(`remove("${key}")`)
    const previous = this.#encoded.get(key)
    if (previous === undefined) return
    if (this.#size !== undefined) this.#size -= byteSize(key, previous)
    this.#encoded.delete(key)
    this.#decoded?.delete(key)
    this.#changed?.delete(key)
    this.#removed ??= new Set()
    this.#removed.add(key)
  }

  has(name: keyof T): boolean {
    return this.#encoded.has(name as string)
  }

  keys(): string[] {
    return [...this.#encoded.keys()]
  }

  invalidate(...args: unknown[]): void {
    refuseCallback('invalidate()', args)
    if (this.#phase === 'closed') throw new SessionStateError('invalidate() after the session was committed')
    if (this.#invalidated) return
    this.#invalidated = true
    // After logout, nothing the handler renders may still read the user's data.
    this.#encoded.clear()
    this.#decoded = undefined
    this.#principal = undefined
  }

  regenerate(...args: unknown[]): void {
    refuseCallback('regenerate()', args)
    this.#assertWritable('regenerate()')
    if (this.#phase === 'sealed') {
      throw new SessionStateError(
        'regenerate() after the response headers were sent: the new ID cannot reach the client',
      )
    }
    if (!this.isNew && this.#previous === undefined) this.#previous = { id: this.id, key: this.storeKey }
    this.#id = generateSessionId()
    this.#key = undefined
  }

  /** The store key for the current ID. */
  get storeKey(): string {
    this.#key ??= storeKeyFor(this.id, this.#config.hashIds)
    return this.#key
  }

  /** The ID and key this session had before `regenerate()` in this request, if any. */
  get previous(): { id: string; key: string } | undefined {
    return this.#previous
  }

  /** The expiry the session would have if its last access were `lastAccessedAt`. */
  expiresAtIf(lastAccessedAt: number): number {
    return expiryOf(this.idleTimeout * 1000, this.absoluteDeadline, lastAccessedAt)
  }

  /** Freezes the cookie decision: from now on, changes that need another cookie throw. */
  seal(cookieIssued: boolean): void {
    if (this.#phase === 'open') this.#phase = 'sealed'
    this.#cookieIssued = cookieIssued
  }

  /** Freezes the session for the commit. */
  close(): void {
    this.#phase = 'closed'
  }

  /** Records that the commit refreshed the session at `lastAccessedAt`. */
  markAccessed(lastAccessedAt: number): void {
    this.#lastAccessedAt = lastAccessedAt
  }

  /** The whole session as a store keeps it. */
  toRecord(lastAccessedAt: number): StoredSession {
    const record: StoredSession = {
      createdAt: this.createdAt,
      lastAccessedAt,
      expiresAt: this.absoluteDeadline,
      attributes: Object.fromEntries(this.#encoded),
    }
    if (this.#principal !== undefined) record.principal = this.#principal
    if (this.#idleTimeout !== undefined) record.idleTimeout = this.#idleTimeout
    if (this.#absoluteTimeout !== undefined) record.absoluteTimeout = this.#absoluteTimeout
    return record
  }

  /** Only what changed during this request. */
  toPatch(lastAccessedAt: number): SessionPatch {
    // A loop, not fromEntries over mapped pairs: a patch is built on every modifying request.
    const set: Record<string, string> = {}
    if (this.#changed !== undefined) {
      for (const name of this.#changed) {
        const value = this.#encoded.get(name)!
        // Assigning "__proto__" would set the prototype; defining it keeps it data.
        if (name === '__proto__') {
          Object.defineProperty(set, name, { value, enumerable: true, writable: true, configurable: true })
        } else set[name] = value
      }
    }
    const patch: SessionPatch = {
      set,
      remove: this.#removed === undefined ? [] : [...this.#removed],
      lastAccessedAt,
      expiresAt: this.absoluteDeadline,
      maxSize: this.#config.maxSize,
    }
    // A changed lifetime moves the absolute deadline, which a principal index keeps its TTL by,
    // so the principal is sent again for the store to re-index.
    if (this.#principalChanged || (this.#lifetimeChanged && this.#principal !== undefined))
      patch.principal = this.#principal ?? null
    if (this.#lifetimeChanged) {
      patch.idleTimeout = this.#idleTimeout ?? null
      patch.absoluteTimeout = this.#absoluteTimeout ?? null
    }
    return patch
  }

  /** What `JSON.stringify(session)` shows: the session's times, principal and attribute names; never its ID or values. */
  toJSON(): Record<string, unknown> {
    return {
      isNew: this.isNew,
      createdAt: this.createdAt,
      lastAccessedAt: this.#lastAccessedAt,
      expiresAt: this.expiresAt,
      principal: this.#principal,
      attributes: this.keys(),
    }
  }

  /** What `console.log(session)` and `util.inspect` show: the same as `toJSON()`. */
  [inspectSymbol](): string {
    return `Session ${JSON.stringify(this.toJSON())}`
  }

  #currentSize(): number {
    if (this.#size === undefined) {
      let size = 0
      for (const [name, text] of this.#encoded) size += byteSize(name, text)
      this.#size = size
    }
    return this.#size
  }

  #assertWritable(action: string): void {
    if (this.#phase === 'closed') throw new SessionStateError(`${action} after the session was committed`)
    if (this.#invalidated) throw new SessionStateError(`${action} on an invalidated session`)
    if (this.#phase === 'sealed' && this.isNew && !this.#cookieIssued) {
      throw new SessionStateError(
        `${action} on a new session after the response headers were sent: its cookie can no longer be issued`,
      )
    }
  }
}

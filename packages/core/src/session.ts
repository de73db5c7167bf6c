import type { ResolvedConfig } from './config'
import { expiryOf } from './deadlines'
import { SessionError, SessionStateError, SessionTooLargeError } from './errors'
import type { HttpSession, SessionData } from './http-session'
import { generateSessionId, storeKeyFor } from './session-id'
import type { SessionPatch, StoredSession } from './store'

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

  constructor(
    private readonly config: ResolvedConfig,
    seed: SessionSeed,
  ) {
    this.#id = seed.id
    this.#key = seed.key
    this.isNew = seed.isNew
    this.createdAt = seed.createdAt
    this.#lastAccessedAt = seed.lastAccessedAt
    this.#principal = seed.principal
    this.#encoded = new Map(seed.attributes ? Object.entries(seed.attributes) : undefined)
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
      this.#previous !== undefined
    )
  }

  get invalidated(): boolean {
    return this.#invalidated
  }

  get principal(): string | undefined {
    return this.#principal
  }

  set principal(value: string | undefined) {
    this.#assertWritable('setting principal')
    if (value !== undefined && (typeof value !== 'string' || value.length === 0)) {
      throw new SessionStateError('principal must be a non-empty string or undefined')
    }
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
      value = this.config.codec.decode(text)
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
    let text: string
    try {
      text = this.config.codec.encode(value)
    } catch (cause) {
      throw new SessionError(
        'UNSERIALIZABLE',
        `attribute "${key}" cannot be stored: ${(cause as Error).message}`,
        {
          cause,
        },
      )
    }
    const previous = this.#encoded.get(key)
    const size =
      this.#currentSize() - (previous === undefined ? 0 : byteSize(key, previous)) + byteSize(key, text)
    if (size > this.config.maxSize) throw new SessionTooLargeError(size, this.config.maxSize, key)
    this.#size = size
    this.#encoded.set(key, text)
    // get() decodes from the snapshot, so it returns what was stored, not the caller's live object.
    this.#decoded?.delete(key)
    this.#changed ??= new Set()
    this.#changed.add(key)
    this.#removed?.delete(key)
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

  invalidate(): void {
    if (this.#phase === 'closed') throw new SessionStateError('invalidate() after the session was committed')
    if (this.#invalidated) return
    this.#invalidated = true
    // After logout, nothing the handler renders may still read the user's data.
    this.#encoded.clear()
    this.#decoded = undefined
    this.#principal = undefined
  }

  regenerate(): void {
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
    this.#key ??= storeKeyFor(this.id, this.config.hashIds)
    return this.#key
  }

  /** The ID and key this session had before `regenerate()` in this request, if any. */
  get previous(): { id: string; key: string } | undefined {
    return this.#previous
  }

  /** The expiry the session would have if its last access were `lastAccessedAt`. */
  expiresAtIf(lastAccessedAt: number): number {
    return expiryOf(this.config, this.createdAt, lastAccessedAt)
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
      expiresAt: this.expiresAtIf(lastAccessedAt),
      attributes: Object.fromEntries(this.#encoded),
    }
    if (this.#principal !== undefined) record.principal = this.#principal
    return record
  }

  /** Only what changed during this request. */
  toPatch(lastAccessedAt: number): SessionPatch {
    // fromEntries defines properties, so an attribute named "__proto__" stays data.
    const set = Object.fromEntries([...(this.#changed ?? [])].map((name) => [name, this.#encoded.get(name)!]))
    const patch: SessionPatch = { set, remove: [...(this.#removed ?? [])], lastAccessedAt }
    if (this.#principalChanged) patch.principal = this.#principal ?? null
    return patch
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

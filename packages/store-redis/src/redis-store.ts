import {
  type SessionPatch,
  type SessionStore,
  SessionTooLargeError,
  type StoredSession,
} from '@fly-session/core'

import {
  checkKey,
  checkPatch,
  checkPrincipal,
  checkSession,
  checkTime,
  checkValue,
  ttlMs,
} from './input-checks'
import { PrincipalIndex } from './principal-index'
import { type RedisClient, type RunScript, registerScripts } from './redis-client'
import { allScripts, deleteSession, replaceSession, touchSession, updateSession } from './scripts'
import { attributeField, fieldsToSession, META, scriptHeader, sessionToArguments } from './session-fields'
import { TimeLimit } from './time-limit'

/** Options for `RedisStore`. */
export interface RedisStoreOptions {
  /**
   * An ioredis `Redis` (standalone or Sentinel) or `Cluster` that you created. The store never
   * opens connections of its own and never closes this one.
   */
  client: RedisClient
  /**
   * Prepended to every key. Keep hash tags (`{...}`) out of it: they would put every session in
   * one Cluster slot.
   * @default 'fly:sess:'
   */
  prefix?: string
  /**
   * Seconds one store call may wait for Redis before it fails (core answers 503), however the
   * client is configured. ioredis cannot cancel a sent command, so a write that times out may
   * still be applied later.
   * @default 2
   */
  commandTimeout?: number
}

const TIMEOUTS = ['idleTimeout', 'absoluteTimeout'] as const

/** The default key prefix. */
export const DEFAULT_PREFIX = 'fly:sess:'
/** The default per-call time limit, in seconds. */
export const DEFAULT_COMMAND_TIMEOUT = 2

/**
 * The update script's arguments in one array: its header (ttl, maxSize, the number of pairs to
 * set, lastAccessedAt, expiresAt; see scripts.ts), the pairs, then the fields to delete. Values
 * are checked as they are copied.
 */
function updateArguments(change: SessionPatch, ttl: number): string[] {
  const ttlMilliseconds = ttlMs(ttl)
  const lastAccessedAt = checkTime(change.lastAccessedAt)
  const expiresAt = checkTime(change.expiresAt)
  const args = ['']
  const { set, principal } = change
  for (const name in set) {
    if (Object.hasOwn(set, name)) args.push(attributeField(name), checkValue(set[name]!))
  }
  if (typeof principal === 'string') args.push(META.principal, principal)
  for (const field of TIMEOUTS) {
    const seconds = change[field]
    if (typeof seconds === 'number') args.push(META[field], String(seconds))
  }
  const pairs = (args.length - 1) / 2
  args[0] = scriptHeader(ttlMilliseconds, change.maxSize ?? 0, pairs, lastAccessedAt, expiresAt)
  for (const name of change.remove) args.push(attributeField(name))
  if (principal === null) args.push(META.principal)
  for (const field of TIMEOUTS) if (change[field] === null) args.push(META[field])
  return args
}

/**
 * Sessions in Redis through ioredis: standalone, Sentinel or Cluster. One hash per session
 * (`<prefix><key>`) whose expiry is the session's TTL; a read is one HGETALL and every write
 * is one single-key Lua script. Sessions with a principal are also listed in a sorted set per
 * principal (see the package README for the layout).
 */
export class RedisStore implements SessionStore {
  readonly #prefix: string
  readonly #limit: TimeLimit
  readonly #client: RedisClient
  readonly #run: RunScript
  readonly #index: PrincipalIndex

  constructor(options: RedisStoreOptions) {
    const { client, prefix = DEFAULT_PREFIX, commandTimeout = DEFAULT_COMMAND_TIMEOUT } = options ?? {}
    if (typeof client?.hgetall !== 'function' || typeof client.defineCommand !== 'function') {
      throw new TypeError('[fly-session] RedisStore needs `client`: an ioredis Redis or Cluster instance')
    }
    if (typeof prefix !== 'string') throw new TypeError('[fly-session] RedisStore `prefix` must be a string')
    if (!(typeof commandTimeout === 'number' && commandTimeout > 0)) {
      throw new TypeError('[fly-session] RedisStore `commandTimeout` must be a positive number of seconds')
    }
    this.#client = client
    this.#prefix = prefix
    this.#limit = new TimeLimit(commandTimeout)
    this.#run = registerScripts(client, allScripts)
    this.#index = new PrincipalIndex(this.#run, prefix, (key) => this.#read(key))
  }

  /** One HGETALL. `null` when the hash does not exist (never written, expired or destroyed). */
  get(key: string): Promise<StoredSession | null> {
    // No async wrappers: this runs on every request, and each layer is a promise and a tick.
    let reading: Promise<Record<string, string>>
    try {
      reading = this.#client.hgetall(this.#hashKey(checkKey(key)))
    } catch (error) {
      return Promise.reject(error)
    }
    return this.#limit.run('get', reading, (fields) => fieldsToSession(key, fields))
  }

  /** Replaces the whole record atomically; it expires after `ttl` seconds. Indexes its principal, if any. */
  set(key: string, session: StoredSession, ttl: number): Promise<void> {
    return this.#bounded('set', async () => {
      const args = sessionToArguments(ttlMs(ttl), checkSession(session))
      // Index first: a failure in between leaves an extra index entry (ignored when read), never
      // a session missing from its principal's list, which invalidateAll would then miss.
      if (session.principal !== undefined)
        await this.#index.add(session.principal, checkKey(key), session.expiresAt)
      await this.#run(replaceSession, this.#hashKey(checkKey(key)), args)
    })
  }

  /** Deletes the record and its principal index entry; `true` when there was a record. */
  destroy(key: string): Promise<boolean> {
    return this.#bounded('destroy', async () => {
      const [deleted, principal] = (await this.#run(deleteSession, this.#hashKey(checkKey(key)), [])) as [
        number,
        string,
      ]
      if (principal !== '') await this.#index.remove(String(principal), key)
      return Number(deleted) === 1
    })
  }

  /**
   * Applies the delta and sets the expiry to `ttl` seconds in one atomic script. Resolves to
   * `false`, writing nothing, when the record no longer exists; rejects with
   * `SessionTooLargeError`, writing nothing, when the change would grow the attributes past
   * `change.maxSize` (counting what concurrent patches added).
   */
  patch(key: string, change: SessionPatch, ttl: number): Promise<boolean> {
    let args: string[]
    try {
      checkKey(key)
      args = updateArguments(checkPatch(change), ttl)
    } catch (error) {
      return Promise.reject(error)
    }
    const next = change.principal
    if (typeof next === 'string') {
      return this.#bounded('patch', async () => {
        // Index first, as in set(); undone if the session turns out to be gone (its key never comes back).
        await this.#index.add(next, key, change.expiresAt)
        const applied = await this.#update(key, change, args)
        if (!applied) await this.#index.remove(next, key)
        return applied
      })
    }
    // No async wrapper on the common path (no principal change): it runs on every modifying request.
    return this.#limit.run('patch', this.#update(key, change, args))
  }

  #update(key: string, change: SessionPatch, args: string[]): Promise<boolean> {
    return this.#run(updateSession, this.#hashKey(key), args).then((reply) => {
      const [answer, size] = reply as [number, unknown?]
      const outcome = Number(answer)
      if (outcome === 2) throw new SessionTooLargeError(Number(size), change.maxSize!)
      return outcome === 1
    })
  }

  /**
   * Sets `lastAccessedAt` (epoch ms) and the expiry (`ttl` seconds) in one script; `false` when
   * the record is gone. A session with a principal then re-indexes itself: under `maxmemory`
   * an index key written once at login is the least recently used thing there is, and eviction
   * would otherwise hide a live session from `invalidateAll` for good. So an active session
   * keeps its index warm, and puts itself back into an index that was evicted, at most once
   * per `touchInterval`.
   */
  touch(key: string, lastAccessedAt: number, ttl: number): Promise<boolean> {
    return this.#bounded('touch', async () => {
      const reply = (await this.#run(touchSession, this.#hashKey(checkKey(key)), [
        scriptHeader(ttlMs(ttl), checkTime(lastAccessedAt)),
      ])) as [number, string?, string?]
      if (Number(reply[0]) !== 1) return false
      const principal = String(reply[1] ?? '')
      if (principal !== '') await this.#index.add(principal, key, Number(reply[2]))
      return true
    })
  }

  /** The live sessions whose principal is `principal`, each checked against its hash. */
  listByPrincipal(principal: string): Promise<Array<{ key: string; session: StoredSession }>> {
    return this.#bounded('listByPrincipal', async () => {
      return this.#index.list(checkPrincipal(principal))
    })
  }

  #read(key: string): Promise<StoredSession | null> {
    return this.#client.hgetall(this.#hashKey(key)).then((fields) => fieldsToSession(key, fields))
  }

  #hashKey(key: string): string {
    return this.#prefix + key
  }

  #bounded<T>(operation: string, work: () => Promise<T>): Promise<T> {
    return this.#limit.run(operation, work())
  }
}

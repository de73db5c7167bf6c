import type { SessionPatch, SessionStore, StoredSession } from '@fly-session/core'

import { PrincipalIndex } from './principal-index'
import { type RedisClient, type RunScript, registerScripts } from './redis-client'
import { allScripts, deleteSession, replaceSession, updateSession } from './scripts'
import { attributeField, fieldsToSession, META, sessionToFields } from './session-fields'
import { withinSeconds } from './time-limit'

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

/** The default key prefix. */
export const DEFAULT_PREFIX = 'fly:sess:'
/** The default per-call time limit, in seconds. */
export const DEFAULT_COMMAND_TIMEOUT = 2

/** Store keys must not reach into the principal indexes' part of the key space. */
const RESERVED_KEY_PREFIX = 'principal:'

/**
 * Sessions in Redis through ioredis: standalone, Sentinel or Cluster. One hash per session
 * (`<prefix><key>`) whose expiry is the session's TTL; a read is one HGETALL and every write
 * is one single-key Lua script. Sessions with a principal are also listed in a sorted set per
 * principal (see the package README for the layout).
 */
export class RedisStore implements SessionStore {
  readonly #prefix: string
  readonly #commandTimeout: number
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
    this.#commandTimeout = commandTimeout
    this.#run = registerScripts(client, allScripts)
    this.#index = new PrincipalIndex(this.#run, prefix, (key) => this.#read(key))
  }

  /** One HGETALL. `null` when the hash does not exist (never written, expired or destroyed). */
  get(key: string): Promise<StoredSession | null> {
    return this.#bounded('get', async () => this.#read(checkKey(key)))
  }

  /** Replaces the whole record atomically; it expires after `ttl` seconds. Indexes its principal, if any. */
  set(key: string, session: StoredSession, ttl: number): Promise<void> {
    return this.#bounded('set', async () => {
      const fields = sessionToFields(checkSession(session))
      const previous = await this.#run(replaceSession, this.#hashKey(checkKey(key)), [ttlMs(ttl), ...fields])
      await this.#reindex(key, String(previous), session.principal ?? '', session.expiresAt)
    })
  }

  /** Deletes the record and its principal index entry. A missing record is not an error. */
  destroy(key: string): Promise<void> {
    return this.#bounded('destroy', async () => {
      const previous = String(await this.#run(deleteSession, this.#hashKey(checkKey(key)), []))
      if (previous !== '') await this.#index.remove(previous, key)
    })
  }

  /**
   * Applies the delta and sets the expiry to `ttl` seconds in one atomic script. Resolves to
   * `false`, writing nothing, when the record no longer exists.
   */
  patch(key: string, change: SessionPatch, ttl: number): Promise<boolean> {
    return this.#bounded('patch', async () => {
      const expiresAt = Date.now() + ttlMs(ttl)
      const set = [
        ...[META.lastAccessedAt, checkTime(change.lastAccessedAt), META.expiresAt, String(expiresAt)],
        ...Object.entries(change.set).flatMap(([name, value]) => [attributeField(name), checkValue(value)]),
      ]
      const remove = change.remove.map(attributeField)
      if (typeof change.principal === 'string') set.push(META.principal, change.principal)
      else if (change.principal === null) remove.push(META.principal)
      const previous = await this.#update(checkKey(key), ttl, set, remove)
      if (previous === undefined) return false
      if (change.principal !== undefined)
        await this.#reindex(key, previous, change.principal ?? '', expiresAt)
      return true
    })
  }

  /** Sets `lastAccessedAt` (epoch ms) and the expiry (`ttl` seconds) in one script; `false` when the record is gone. */
  touch(key: string, lastAccessedAt: number, ttl: number): Promise<boolean> {
    return this.#bounded('touch', async () => {
      const expiresAt = Date.now() + ttlMs(ttl)
      const set = [META.lastAccessedAt, checkTime(lastAccessedAt), META.expiresAt, String(expiresAt)]
      return (await this.#update(checkKey(key), ttl, set, [])) !== undefined
    })
  }

  /** The live sessions whose principal is `principal`, each checked against its hash. */
  listByPrincipal(principal: string): Promise<Array<{ key: string; session: StoredSession }>> {
    return this.#bounded('listByPrincipal', async () => {
      if (typeof principal !== 'string')
        throw new TypeError('[fly-session] RedisStore: principal must be a string')
      return this.#index.list(principal)
    })
  }

  async #read(key: string): Promise<StoredSession | null> {
    return fieldsToSession(key, await this.#client.hgetall(this.#hashKey(key)))
  }

  /** Runs the update script; resolves to the previous principal ('' for none), or undefined when the session is gone. */
  async #update(key: string, ttl: number, set: string[], remove: string[]): Promise<string | undefined> {
    const args = [ttlMs(ttl), set.length / 2, ...set, ...remove]
    const reply = (await this.#run(updateSession, this.#hashKey(key), args)) as [number, string?]
    return Number(reply[0]) === 1 ? String(reply[1] ?? '') : undefined
  }

  /** Moves `key` from the `previous` principal's index to the `next` one's ('' = none). */
  async #reindex(key: string, previous: string, next: string, expiresAt: number): Promise<void> {
    await Promise.all([
      previous !== '' && previous !== next ? this.#index.remove(previous, key) : undefined,
      next !== '' ? this.#index.add(next, key, expiresAt) : undefined,
    ])
  }

  #hashKey(key: string): string {
    return this.#prefix + key
  }

  #bounded<T>(operation: string, work: () => Promise<T>): Promise<T> {
    return withinSeconds(this.#commandTimeout, operation, work())
  }
}

function checkKey(key: string): string {
  if (typeof key !== 'string' || key === '')
    throw new TypeError('[fly-session] RedisStore: key must be a non-empty string')
  if (key.startsWith(RESERVED_KEY_PREFIX)) {
    throw new TypeError(
      `[fly-session] RedisStore: keys starting with "${RESERVED_KEY_PREFIX}" are reserved for indexes`,
    )
  }
  return key
}

/** Seconds → whole milliseconds for PEXPIRE. */
function ttlMs(ttl: number): number {
  if (!(typeof ttl === 'number' && Number.isFinite(ttl) && ttl > 0)) {
    throw new TypeError(
      `[fly-session] RedisStore: ttl must be a positive number of seconds (got ${String(ttl)})`,
    )
  }
  return Math.ceil(ttl * 1000)
}

function checkTime(epochMs: number): string {
  if (!Number.isFinite(epochMs))
    throw new TypeError('[fly-session] RedisStore: timestamps must be finite numbers')
  return String(epochMs)
}

function checkValue(value: string): string {
  if (typeof value !== 'string')
    throw new TypeError('[fly-session] RedisStore: attribute values must be strings')
  return value
}

function checkSession(session: StoredSession): StoredSession {
  if (typeof session !== 'object' || session === null || typeof session.attributes !== 'object') {
    throw new TypeError('[fly-session] RedisStore: set() needs a StoredSession')
  }
  for (const time of [session.createdAt, session.lastAccessedAt, session.expiresAt]) checkTime(time)
  for (const value of Object.values(session.attributes)) checkValue(value)
  return session
}

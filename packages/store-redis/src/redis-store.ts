import type { SessionPatch, SessionStore, StoredSession } from '@fly-session/core'

import { checkKey, checkPatch, checkPrincipal, checkSession, checkTime, ttlMs } from './input-checks'
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
      const args = [ttlMs(ttl), ...sessionToFields(checkSession(session))]
      const next = session.principal
      // Index first: a failure in between leaves an extra index entry (pruned when read), never
      // a session missing from its principal's list, which invalidateAll would then miss.
      if (next !== undefined) await this.#index.add(next, checkKey(key), session.expiresAt)
      const previous = String(await this.#run(replaceSession, this.#hashKey(checkKey(key)), args))
      if (previous !== '' && previous !== next) await this.#index.remove(previous, key)
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
      const { principal: next } = checkPatch(change)
      const expiresAt = Date.now() + ttlMs(ttl)
      const set = [
        ...[META.lastAccessedAt, String(change.lastAccessedAt), META.expiresAt, String(expiresAt)],
        ...Object.entries(change.set).flatMap(([name, value]) => [attributeField(name), value]),
      ]
      const remove = change.remove.map(attributeField)
      if (typeof next === 'string') set.push(META.principal, next)
      else if (next === null) remove.push(META.principal)
      // Index first, as in set(); undone if the session turns out to be gone.
      if (typeof next === 'string') await this.#index.add(next, checkKey(key), expiresAt)
      const previous = await this.#update(checkKey(key), ttl, set, remove)
      if (previous === undefined) {
        if (typeof next === 'string') await this.#index.remove(next, key)
        return false
      }
      if (next !== undefined && previous !== '' && previous !== next) await this.#index.remove(previous, key)
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
      return this.#index.list(checkPrincipal(principal))
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

  #hashKey(key: string): string {
    return this.#prefix + key
  }

  #bounded<T>(operation: string, work: () => Promise<T>): Promise<T> {
    return withinSeconds(this.#commandTimeout, operation, work())
  }
}

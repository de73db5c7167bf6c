import type { SessionPatch, StoredSession } from '@fly-session/core'

/*
 * Checks on what callers pass in, run before anything is sent, so bad input fails with a clear
 * TypeError and leaves Redis as it was.
 */

/** Store keys must not reach into the principal indexes' part of the key space. */
const RESERVED_KEY_PREFIX = 'principal:'

function fail(message: string): never {
  throw new TypeError(`[fly-session] RedisStore: ${message}`)
}

export function checkKey(key: string): string {
  if (typeof key !== 'string' || key === '') fail('key must be a non-empty string')
  if (key.startsWith(RESERVED_KEY_PREFIX))
    fail(`keys starting with "${RESERVED_KEY_PREFIX}" are reserved for indexes`)
  return key
}

export function checkPrincipal(principal: string): string {
  if (typeof principal !== 'string') fail('principal must be a string')
  return principal
}

/** Seconds → whole milliseconds, for PEXPIRE. */
export function ttlMs(ttl: number): number {
  if (!(typeof ttl === 'number' && Number.isFinite(ttl) && ttl > 0))
    fail(`ttl must be a positive number of seconds (got ${String(ttl)})`)
  return Math.ceil(ttl * 1000)
}

/** An epoch-milliseconds timestamp as text. */
export function checkTime(epochMs: number): string {
  if (typeof epochMs !== 'number' || !Number.isFinite(epochMs)) fail('timestamps must be finite numbers')
  return String(epochMs)
}

export function checkValue(value: string): string {
  if (typeof value !== 'string') fail('attribute values (encoded by core) must be strings')
  return value
}

export function checkSession(session: StoredSession): StoredSession {
  if (typeof session !== 'object' || session === null || typeof session.attributes !== 'object')
    fail('set() needs a StoredSession')
  for (const time of [session.createdAt, session.lastAccessedAt, session.expiresAt]) checkTime(time)
  for (const seconds of [session.idleTimeout, session.absoluteTimeout])
    if (seconds !== undefined) checkTime(seconds)
  for (const value of Object.values(session.attributes)) checkValue(value)
  if (session.principal !== undefined) checkPrincipal(session.principal)
  return session
}

export function checkPatch(change: SessionPatch): SessionPatch {
  if (typeof change !== 'object' || change === null) fail('patch() needs a change')
  if (typeof change.set !== 'object' || change.set === null || !Array.isArray(change.remove))
    fail('a change needs `set` (an object) and `remove` (an array)')
  for (const value of Object.values(change.set)) checkValue(value)
  for (const name of change.remove)
    if (typeof name !== 'string') fail('removed attribute names must be strings')
  if (change.principal !== undefined && change.principal !== null) checkPrincipal(change.principal)
  checkTime(change.lastAccessedAt)
  checkTime(change.expiresAt)
  return change
}

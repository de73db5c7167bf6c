import type { StoredSession } from '@fly-session/core'

/**
 * How one session is laid out in its Redis hash. Every field name carries one of two prefixes,
 * so no attribute name (not even "meta:createdAt" or "__proto__") can collide with metadata or
 * with a key of a plain JavaScript object.
 */
export const META = {
  createdAt: 'meta:createdAt',
  lastAccessedAt: 'meta:lastAccessedAt',
  expiresAt: 'meta:expiresAt',
  principal: 'meta:principal',
  idleTimeout: 'meta:idleTimeout',
  absoluteTimeout: 'meta:absoluteTimeout',
  /** Bytes of attribute names and values, kept by the scripts so a patch can be checked against maxSize atomically. */
  size: 'meta:size',
} as const

const ATTRIBUTE_PREFIX = 'attr:'

/** The hash field that holds attribute `name`. */
export function attributeField(name: string): string {
  return ATTRIBUTE_PREFIX + name
}

/** A whole record as a flat field/value list (what HSET takes). */
export function sessionToFields(session: StoredSession): string[] {
  const fields = [
    ...[META.createdAt, String(session.createdAt)],
    ...[META.lastAccessedAt, String(session.lastAccessedAt)],
    ...[META.expiresAt, String(session.expiresAt)],
  ]
  if (session.principal !== undefined) fields.push(META.principal, session.principal)
  if (session.idleTimeout !== undefined) fields.push(META.idleTimeout, String(session.idleTimeout))
  if (session.absoluteTimeout !== undefined)
    fields.push(META.absoluteTimeout, String(session.absoluteTimeout))
  for (const [name, value] of Object.entries(session.attributes)) fields.push(attributeField(name), value)
  return fields
}

/**
 * The record in a hash as HGETALL returns it, or `null` for an empty reply (no such key).
 * Throws for a hash that is not a session record rather than inventing one.
 */
export function fieldsToSession(key: string, fields: Record<string, string>): StoredSession | null {
  const entries = Object.entries(fields)
  if (entries.length === 0) return null
  const session: StoredSession = {
    createdAt: timestamp(key, fields, META.createdAt),
    lastAccessedAt: timestamp(key, fields, META.lastAccessedAt),
    expiresAt: timestamp(key, fields, META.expiresAt),
    // fromEntries defines properties, so an attribute named "__proto__" stays data.
    attributes: Object.fromEntries(
      entries
        .filter(([field]) => field.startsWith(ATTRIBUTE_PREFIX))
        .map(([field, value]) => [field.slice(ATTRIBUTE_PREFIX.length), value]),
    ),
  }
  const principal = Object.hasOwn(fields, META.principal) ? fields[META.principal] : undefined
  if (principal !== undefined) session.principal = principal
  if (Object.hasOwn(fields, META.idleTimeout)) session.idleTimeout = timestamp(key, fields, META.idleTimeout)
  if (Object.hasOwn(fields, META.absoluteTimeout))
    session.absoluteTimeout = timestamp(key, fields, META.absoluteTimeout)
  return session
}

/** A numeric field (a timestamp or a number of seconds). */
function timestamp(key: string, fields: Record<string, string>, field: string): number {
  const value = Object.hasOwn(fields, field) ? Number(fields[field]) : Number.NaN
  if (!Number.isFinite(value)) {
    throw new Error(`[fly-session] RedisStore: the hash for "${key}" is not a session record (no ${field})`)
  }
  return value
}

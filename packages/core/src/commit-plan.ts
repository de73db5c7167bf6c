import { secondsUntil } from './deadlines'

/** What the commit writes to the store. */
export type StoreWrite =
  /** Nothing. */
  | 'none'
  /** A new session's whole record. */
  | 'create'
  /** The whole record under the new ID, then the old ID destroyed (regenerate). */
  | 'move'
  /** Only what changed (delta), never recreating a destroyed session. */
  | 'patch'
  /** Only `lastAccessedAt` and the TTL. */
  | 'touch'
  /** The record is deleted (invalidate). */
  | 'destroy'

/** What the response does with the session cookie. */
export type CookieAction = 'issue' | 'expire' | 'none'

/** The facts about one request's session that the commit rules read. */
export interface CommitFacts {
  /** The request's one clock reading. Epoch milliseconds. */
  now: number
  /** The store failed at load and `onStoreError` is 'continue': nothing may be written. */
  detached: boolean
  invalidated: boolean
  isNew: boolean
  /** `regenerate()` was called on a stored session. */
  regenerated: boolean
  modified: boolean
  /** The cookie was signed by a retired secret (re-sign it now). */
  rotated: boolean
  /** A per-session timeout changed (the cookie's Max-Age must change too). */
  lifetimeChanged: boolean
  /** When the session was last refreshed. Epoch milliseconds. */
  lastAccessedAt: number
  /** How often an unmodified session is refreshed. Milliseconds. */
  touchIntervalMs: number
  /** The session's expiry if it were last refreshed at the given time. Epoch milliseconds. */
  expiresAtIf(lastAccessedAt: number): number
}

/**
 * The whole commit. Its cookie half is fixed at the first of `setCookie()` and `commit()`,
 * because the headers may leave before the commit runs; its store half is decided at the
 * commit, from what the handler did by then (a streamed response may still change an existing
 * session). `lastAccessedAt` moves to `now` exactly when the cookie is issued, and the cookie's
 * Max-Age and the store's TTL are one number of seconds to one deadline, so browser and store
 * always agree.
 */
export interface CommitPlan {
  cookie: CookieAction
  write: StoreWrite
  /** `lastAccessedAt` after the commit. Epoch milliseconds. */
  lastAccessedAt: number
  /** min(idle, absolute) deadline after the commit. Epoch milliseconds. */
  expiresAt: number
  /** Seconds from `now` to `expiresAt` (at least 1): the store TTL and the cookie's Max-Age. */
  ttl: number
  /** Epoch milliseconds. */
  now: number
}

type Row = readonly [cookie: CookieAction, write: StoreWrite, refresh: boolean]

// Shared rows, not literals: planning runs twice per request and would allocate one each time.
const NOTHING: Row = ['none', 'none', false]
const DESTROY: Row = ['expire', 'destroy', false]
const CREATE: Row = ['issue', 'create', true]
const MOVE: Row = ['issue', 'move', true]
const PATCH_REFRESHED: Row = ['issue', 'patch', true]
const PATCH: Row = ['none', 'patch', false]
const TOUCH: Row = ['issue', 'touch', true]

/** The lifecycle table of docs/architecture.md, row by row in its order. */
function rows(facts: CommitFacts): Row {
  if (facts.detached) return NOTHING
  if (facts.invalidated) return facts.isNew ? NOTHING : DESTROY
  if (facts.isNew) return facts.modified ? CREATE : NOTHING
  if (facts.regenerated) return MOVE
  const touchDue =
    facts.rotated || facts.lifetimeChanged || facts.now - facts.lastAccessedAt >= facts.touchIntervalMs
  if (facts.modified) return touchDue ? PATCH_REFRESHED : PATCH
  return touchDue ? TOUCH : NOTHING
}

/**
 * Decides what the commit writes and which cookie the response carries. Pure. With `sent`, the
 * cookie half already went out with the headers and stays as it was.
 */
export function planCommit(
  facts: CommitFacts,
  sent?: Pick<CommitPlan, 'cookie' | 'lastAccessedAt'>,
): CommitPlan {
  const [planned, write, refresh] = rows(facts)
  const cookie = sent?.cookie ?? planned
  const lastAccessedAt = sent?.lastAccessedAt ?? (refresh ? facts.now : facts.lastAccessedAt)
  const expiresAt = facts.expiresAtIf(lastAccessedAt)
  return { cookie, write, lastAccessedAt, expiresAt, ttl: secondsUntil(expiresAt, facts.now), now: facts.now }
}

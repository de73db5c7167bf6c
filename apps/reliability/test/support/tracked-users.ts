import type { ClientResponse, HttpClient } from '@fly-session/testkit/http'

import type { SessionBody } from './session-app'
import type { Outcome } from './steady-load'

/** A user of a load run: its session, and every counter value the load wrote to it. */
export interface TrackedUser {
  name: string
  cookie: string
  /** Counter values sent, in order. */
  attempted: number[]
  /** The last counter value the app acknowledged with 200. */
  acknowledged: number | undefined
  /** Reads answered 200 with someone else's session or an empty one (must never happen). */
  wrongReads: number
}

/** Creates a session holding `user=<name>` and tracks it. */
export async function trackedUser(http: HttpClient, name: string): Promise<TrackedUser> {
  const created = await http.request(`/set?name=user&value=${name}`, { method: 'POST', cookie: '' })
  const cookie = `sid=${created.cookie('sid')!.value}`
  return { name, cookie, attempted: [], acknowledged: undefined, wrongReads: 0 }
}

/** A response as a load sample records it. */
export function outcomeOf<K extends string>(kind: K, response: ClientResponse): Outcome<K> {
  const code = response.status >= 400 ? response.json<{ code?: string }>().code : undefined
  return { kind, status: response.status, sessionCookie: response.cookie('sid') !== undefined, code }
}

/** Reads the user's session, counting a 200 that shows anything but this user's session. */
export async function readAs(http: HttpClient, user: TrackedUser): Promise<ClientResponse> {
  const response = await http.get('/session', { cookie: user.cookie })
  if (response.status === 200) {
    const body = response.json<SessionBody>()
    if (body.isNew || body.attributes.user !== user.name) user.wrongReads++
  }
  return response
}

/** Writes `counter=value` to the user's session, remembering what was sent and acknowledged. */
export async function writeAs(http: HttpClient, user: TrackedUser, value: number): Promise<ClientResponse> {
  user.attempted.push(value)
  const response = await http.request(`/set?name=counter&value=${value}`, {
    method: 'POST',
    cookie: user.cookie,
  })
  if (response.status === 200) user.acknowledged = value
  return response
}

/**
 * True when `stored` (the session read back) holds the user's last acknowledged write, or a
 * newer one that was sent: a write that timed out may still land later.
 */
export function keepsAcknowledged(user: TrackedUser, stored: SessionBody): boolean {
  if (user.acknowledged === undefined) return true
  return user.attempted
    .filter((value) => value >= user.acknowledged!)
    .includes(Number(stored.attributes.counter))
}

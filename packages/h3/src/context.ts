import type { HttpSession } from '@fly-session/core'

/**
 * What `session()` needs to know of an h3 event, typed structurally so that one build accepts
 * the events of h3 1.x and h3 2.x (whichever `h3` the app installed).
 */
export interface H3EventLike {
  // `object`: the majors' context types share no declared property, and each allows any.
  context: object
}

/** Where the session lives on an event (what the `H3EventContext` augmentation declares). */
export type SessionContext = { session?: HttpSession }

// Nitro's `request` hook cannot fail a request (Nitro logs what a hook throws and goes on), so
// a failed load is kept on the event and thrown where the session is asked for.
const loadFailure = Symbol.for('fly-session.h3.load-failure')

type FailureContext = { [loadFailure]?: unknown }

/** Puts the loaded session where `getSession(event)` and `event.context.session` find it. */
export function attachSession(event: H3EventLike, session: HttpSession): void {
  Object.assign(event.context, { session } satisfies SessionContext)
}

/** Records why the session could not be loaded, for `getSession(event)` to throw. */
export function attachLoadFailure(event: H3EventLike, error: unknown): void {
  Object.assign(event.context, { [loadFailure]: error } satisfies FailureContext)
}

/** The error a failed load recorded on this event, if any. */
export function loadFailureOf(event: H3EventLike): unknown {
  return (event.context as FailureContext)[loadFailure]
}

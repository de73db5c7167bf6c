import { type HttpSession, trackMutations } from '@fly-session/core'

/** The session with attributes keyed by any name: the property-style objects take names at run time. */
export function untyped(session: HttpSession): HttpSession<Record<string, unknown>> {
  return session as unknown as HttpSession<Record<string, unknown>>
}

/**
 * A property-style session's attributes over the native session. Code written for
 * express-session and koa-session changes values in place: values it read
 * (`req.session.cart.push(x)`) are core's `trackMutations` (found at commit); objects it
 * assigned and kept changing (connect-flash does) are kept here by reference, handed out again
 * on every read, and set once more at `flush()`, which core turns into a write only for those
 * whose encoding changed. So the commit stays a delta.
 */
export class LiveAttributes {
  readonly #assigned = new Map<string, unknown>()
  readonly #native: HttpSession<Record<string, unknown>>

  constructor(native: HttpSession) {
    this.#native = untyped(native)
    trackMutations(native)
  }

  /** The attribute's value; the same object on every read within the request. */
  read(name: string): unknown {
    return this.#assigned.has(name) ? this.#assigned.get(name) : this.#native.get(name)
  }

  /** Sets the attribute now (so core validates it at this call) and keeps the caller's object. */
  write(name: string, value: unknown): void {
    this.#native.set(name, value)
    if (typeof value === 'object' && value !== null) this.#assigned.set(name, value)
    else this.#assigned.delete(name)
  }

  remove(name: string): void {
    this.#assigned.delete(name)
    this.#native.remove(name)
  }

  /** Hands the assigned objects' current state to the session (a no-op for those unchanged). */
  flush(): void {
    for (const [name, value] of this.#assigned) this.#native.set(name, value)
  }

  /** Forgets the assigned objects (after the attributes were replaced wholesale). */
  clear(): void {
    this.#assigned.clear()
  }
}

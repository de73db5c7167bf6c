import { devalueCodec, type HttpSession, type SessionCodec } from '@fly-session/core'

/** The session with attributes keyed by any name: the property-style objects take names at run time. */
export function untyped(session: HttpSession): HttpSession<Record<string, unknown>> {
  return session as unknown as HttpSession<Record<string, unknown>>
}

interface Live {
  value: unknown
  /** The value's encoding when it was handed out or assigned; `undefined` when it could not be encoded. */
  encoded: string | undefined
}

function encodeOrUndefined(codec: SessionCodec, value: unknown): string | undefined {
  try {
    return codec.encode(value)
  } catch {
    return undefined
  }
}

/**
 * The attribute values a property-style session handed out or was given, kept by reference.
 * express-session and koa-session serialize the whole object at the end of the request, so
 * code written for them mutates values in place (`req.session.cart.push(x)`) or keeps mutating
 * an object after assigning it (connect-flash does). Core's `set()` stores a snapshot; this
 * re-encodes each live object at `flush()` and writes those whose encoding changed, so only
 * attributes that really changed reach the store (the commit stays a delta).
 *
 * Primitives are never kept: they cannot change in place.
 */
export class LiveAttributes {
  readonly #live = new Map<string, Live>()

  constructor(
    private readonly native: HttpSession,
    private readonly codec: SessionCodec = devalueCodec,
  ) {}

  /** The attribute's value; the same object on every read within the request. */
  read(name: string): unknown {
    const kept = this.#live.get(name)
    if (kept !== undefined) return kept.value
    const value = untyped(this.native).get(name)
    this.#keep(name, value)
    return value
  }

  /** Sets the attribute now (so core validates it at this call) and keeps the caller's object. */
  write(name: string, value: unknown): void {
    untyped(this.native).set(name, value)
    this.#live.delete(name)
    this.#keep(name, value)
  }

  remove(name: string): void {
    this.#live.delete(name)
    untyped(this.native).remove(name)
  }

  /** Writes every kept object whose encoding changed since it was handed out or assigned. */
  flush(): void {
    for (const [name, kept] of this.#live) {
      const now = encodeOrUndefined(this.codec, kept.value)
      if (now !== undefined && now === kept.encoded) continue
      untyped(this.native).set(name, kept.value)
      kept.encoded = now
    }
  }

  /** Forgets every kept value (after the attributes were replaced wholesale). */
  clear(): void {
    this.#live.clear()
  }

  #keep(name: string, value: unknown): void {
    if (typeof value !== 'object' || value === null) return
    this.#live.set(name, { value, encoded: encodeOrUndefined(this.codec, value) })
  }
}

/*
 * In-process synchronisation between a test and the handlers of the app it runs (same process,
 * real HTTP in between). Every wait is bounded, so a broken scenario fails instead of hanging.
 */

interface Waiting {
  arrived: number
  release: () => void
  released: Promise<void>
}

function waiting(): Waiting {
  let release = () => {}
  const released = new Promise<void>((resolve) => {
    release = resolve
  })
  return { arrived: 0, release, released }
}

/** Resolves `true` when `promise` settles within `timeoutMs`, `false` otherwise. */
async function within(promise: Promise<void>, timeoutMs: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined
  const expired = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs)
  })
  const done = await Promise.race([promise.then(() => true as const), expired])
  clearTimeout(timer)
  return done
}

/** Lets `parties` requests that arrive under one key continue only once all have arrived. */
export class Rendezvous {
  readonly #meetings = new Map<string, Waiting>()

  /** `false` when the others did not arrive within `timeoutMs` (the request goes on alone). */
  async arrive(key: string, parties: number, timeoutMs = 2_000): Promise<boolean> {
    const meeting = this.#meetings.get(key) ?? waiting()
    this.#meetings.set(key, meeting)
    if (++meeting.arrived >= parties) {
      this.#meetings.delete(key)
      meeting.release()
      return true
    }
    return within(meeting.released, timeoutMs)
  }
}

/** Named gates a handler waits at until the test opens them. */
export class Gates {
  readonly #gates = new Map<string, Waiting>()
  readonly #arrivals = new Map<string, Waiting>()

  /** Waits until `open(key)`; `false` when it stayed shut for `timeoutMs`. */
  wait(key: string, timeoutMs = 5_000): Promise<boolean> {
    this.#arrival(key).release()
    return within(this.#gate(key).released, timeoutMs)
  }

  /** Resolves once a handler is waiting at `key` (bounded like `wait`). */
  async reached(key: string, timeoutMs = 5_000): Promise<boolean> {
    return within(this.#arrival(key).released, timeoutMs)
  }

  open(key: string): void {
    this.#gate(key).release()
  }

  #gate(key: string): Waiting {
    const gate = this.#gates.get(key) ?? waiting()
    this.#gates.set(key, gate)
    return gate
  }

  #arrival(key: string): Waiting {
    const arrival = this.#arrivals.get(key) ?? waiting()
    this.#arrivals.set(key, arrival)
    return arrival
  }
}

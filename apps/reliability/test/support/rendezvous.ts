/*
 * Requests that meet: in-process synchronisation between the handlers of the app a test runs
 * (same process, real HTTP in between). Every wait is bounded, so a broken scenario fails
 * instead of hanging. (Gates a test opens are testkit's `Gates`.)
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

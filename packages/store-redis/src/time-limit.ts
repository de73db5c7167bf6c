/** setTimeout's ceiling (about 24.8 days); longer limits are clamped to it. */
const MAX_TIMER_MS = 2_147_483_647

/** A call still waiting for Redis, in a list ordered by deadline. */
interface Waiting {
  operation: string
  /** Epoch milliseconds. */
  deadline: number
  reject: (error: Error) => void
  linked: boolean
  previous: Waiting | undefined
  next: Waiting | undefined
}

/**
 * Bounds store calls to a fixed number of seconds. Every call has the same limit, so calls
 * reach their deadlines in the order they started: they wait in a list, and one timer (armed
 * for the oldest) serves them all, instead of a timer set and cleared per Redis command (this
 * runs on every command a request makes, and timers showed in the profile).
 *
 * The Redis command itself is not cancelled (ioredis cannot take one back), so a write that
 * times out may still land later; what the limit guarantees is that the caller is never left
 * hanging.
 */
export class TimeLimit {
  readonly #seconds: number
  readonly #ms: number
  #oldest: Waiting | undefined
  #newest: Waiting | undefined
  #timer: NodeJS.Timeout | undefined

  constructor(seconds: number) {
    this.#seconds = seconds
    this.#ms = Math.min(seconds * 1000, MAX_TIMER_MS)
  }

  /**
   * Settles like `work` (its value passed through `map`, when given: one promise fewer than a
   * `then` of its own), or rejects once the limit has passed without an answer.
   */
  run<T, R = T>(operation: string, work: Promise<T>, map?: (value: T) => R): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      const waiting: Waiting = {
        operation,
        deadline: Date.now() + this.#ms,
        reject,
        linked: true,
        previous: this.#newest,
        next: undefined,
      }
      if (this.#newest === undefined) this.#oldest = waiting
      else this.#newest.next = waiting
      this.#newest = waiting
      this.#timer ??= this.#arm(this.#ms)
      work.then(
        (value) => {
          this.#unlink(waiting)
          if (map === undefined) resolve(value as unknown as R)
          else {
            try {
              resolve(map(value))
            } catch (error) {
              reject(error)
            }
          }
        },
        (error: unknown) => {
          this.#unlink(waiting)
          reject(error)
        },
      )
    })
  }

  /** Takes a call off the list; a no-op for one already off it (timed out, then answered). */
  #unlink(waiting: Waiting): void {
    if (!waiting.linked) return
    waiting.linked = false
    if (waiting.previous === undefined) this.#oldest = waiting.next
    else waiting.previous.next = waiting.next
    if (waiting.next === undefined) this.#newest = waiting.previous
    else waiting.next.previous = waiting.previous
    waiting.previous = undefined
    waiting.next = undefined
  }

  #arm(ms: number): NodeJS.Timeout {
    const timer = setTimeout(() => this.#expire(), ms)
    timer.unref()
    return timer
  }

  /** Rejects every call past its deadline, then re-arms for the oldest one left (if any). */
  #expire(): void {
    this.#timer = undefined
    const now = Date.now()
    for (
      let waiting = this.#oldest;
      waiting !== undefined && waiting.deadline <= now;
      waiting = this.#oldest
    ) {
      this.#unlink(waiting)
      waiting.reject(
        new Error(
          `Redis did not answer ${waiting.operation} within ${this.#seconds} s (RedisStore commandTimeout)`,
        ),
      )
    }
    if (this.#oldest !== undefined) this.#timer = this.#arm(Math.max(1, this.#oldest.deadline - now))
  }
}

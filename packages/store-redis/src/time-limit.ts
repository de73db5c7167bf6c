/** setTimeout's ceiling (about 24.8 days); longer limits are clamped to it. */
const MAX_TIMER_MS = 2_147_483_647

/**
 * Settles like `work`, or rejects once `seconds` have passed without an answer. The Redis
 * command itself is not cancelled (ioredis cannot take one back), so a write that times out may
 * still land later; what the limit guarantees is that the caller is never left hanging.
 */
export function withinSeconds<T>(seconds: number, operation: string, work: Promise<T>): Promise<T> {
  // One promise and one timer per call (this runs for every Redis command a request makes),
  // rather than a timeout promise raced against the work.
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(
      () =>
        reject(
          new Error(`Redis did not answer ${operation} within ${seconds} s (RedisStore commandTimeout)`),
        ),
      Math.min(seconds * 1000, MAX_TIMER_MS),
    )
    timer.unref()
    work.then(
      (value) => {
        clearTimeout(timer)
        resolve(value)
      },
      (error: unknown) => {
        clearTimeout(timer)
        reject(error)
      },
    )
  })
}

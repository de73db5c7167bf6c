/** A Node-style callback as express-session's methods take it. */
export type Callback = (error?: unknown) => void

/**
 * Runs `work` now, then reports its outcome the way express-session users expect: to `callback`
 * exactly once and always asynchronously (after the current call stack, as a store round trip
 * would be), or, without a callback, as a promise. A thrown error or a rejection is what the
 * callback receives; it is never thrown at the caller.
 */
export function settle(
  work: () => void | Promise<void>,
  callback: Callback | undefined,
): Promise<void> | undefined {
  let outcome: Promise<void>
  try {
    outcome = Promise.resolve(work())
  } catch (error) {
    outcome = Promise.reject(error)
  }
  if (typeof callback !== 'function') return outcome
  outcome.then(
    () => setImmediate(callback),
    (error: unknown) => setImmediate(callback, error),
  )
  return undefined
}

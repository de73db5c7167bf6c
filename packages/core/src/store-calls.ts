import type { ResolvedConfig } from './config'
import { SessionStoreError, SessionTooLargeError } from './errors'

/**
 * Runs one store call. A failure becomes `SessionStoreError` and is reported to the
 * `storeError` hook; a synchronous throw from a store counts as a failure too. A store's
 * `SessionTooLargeError` (a patch refused for `maxSize`) is not a failure of the store and
 * passes through as it is.
 */
export function callStore<R>(config: ResolvedConfig, operation: string, call: () => Promise<R>): Promise<R> {
  // Not async: a store call runs on every request that reaches the store, and an async wrapper
  // adds a promise and ticks to each.
  const fail = (cause: unknown): never => {
    if (cause instanceof SessionTooLargeError) throw cause
    const error = cause instanceof SessionStoreError ? cause : new SessionStoreError(operation, cause)
    config.hooks.storeError?.(error)
    throw error
  }
  let calling: Promise<R>
  try {
    calling = call()
  } catch (cause) {
    calling = Promise.reject(cause)
  }
  return calling.then(undefined, fail)
}

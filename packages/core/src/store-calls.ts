import type { ResolvedConfig } from './config'
import { SessionStoreError, SessionTooLargeError } from './errors'

/**
 * What a failed store call throws: `SessionStoreError` (reported to the `storeError` hook),
 * or a store's `SessionTooLargeError` (a patch refused for `maxSize`), which is not a failure of
 * the store and passes through as it is.
 */
export function storeFailure(config: ResolvedConfig, operation: string, cause: unknown): Error {
  if (cause instanceof SessionTooLargeError) return cause
  const error = cause instanceof SessionStoreError ? cause : new SessionStoreError(operation, cause)
  config.hooks.storeError?.(error)
  return error
}

/** Starts a store call; a synchronous throw from a store counts as a failed call. */
export function startStoreCall<R>(call: () => Promise<R>): Promise<R> {
  try {
    return call()
  } catch (cause) {
    return Promise.reject(cause)
  }
}

/**
 * Runs one store call, its failure turned into what `storeFailure` says. The per-request paths
 * (load, patch, touch) handle the store's promise themselves, in the one `then` that also does
 * their own work: each extra layer is a promise and a microtask on every request.
 */
export function callStore<R>(config: ResolvedConfig, operation: string, call: () => Promise<R>): Promise<R> {
  return startStoreCall(call).then(undefined, (cause: unknown) => {
    throw storeFailure(config, operation, cause)
  })
}

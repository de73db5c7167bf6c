import type { ResolvedConfig } from './config'
import { SessionStoreError, SessionTooLargeError } from './errors'

/**
 * Runs one store call. A failure becomes `SessionStoreError` and is reported to the
 * `storeError` hook; a synchronous throw from a store counts as a failure too. A store's
 * `SessionTooLargeError` (a patch refused for `maxSize`) is not a failure of the store and
 * passes through as it is.
 */
export async function callStore<R>(
  config: ResolvedConfig,
  operation: string,
  call: () => Promise<R>,
): Promise<R> {
  try {
    return await call()
  } catch (cause) {
    if (cause instanceof SessionTooLargeError) throw cause
    const error = cause instanceof SessionStoreError ? cause : new SessionStoreError(operation, cause)
    config.hooks.storeError?.(error)
    throw error
  }
}

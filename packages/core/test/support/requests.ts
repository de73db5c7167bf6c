import { createSessionManager, type SessionOptions } from '../../src'
import { LoggedStore } from './logged-store'

export const SECRET = 'a-test-secret-that-is-long-enough-0123456789'

/** A manager over a fresh LoggedStore, with test-friendly overrides. */
export function setup(options: Partial<SessionOptions> = {}, store = new LoggedStore()) {
  const manager = createSessionManager({ store, secret: SECRET, ...options })
  return { manager, store }
}

/** The cookie pair (`name=value`) from a Set-Cookie value, for the next request's Cookie header. */
export function cookiePair(setCookie: string | undefined): string | undefined {
  return setCookie?.split(';')[0]
}

// One request the way an adapter does it: the helper core/testing exports for store authors.
export { driveRequest as request } from '../../src/testing/drive-request'

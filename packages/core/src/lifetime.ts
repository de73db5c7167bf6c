import { SessionConfigError } from './errors'

/**
 * The longest timeout accepted: 400 days, the longest `Max-Age` browsers keep a cookie for.
 * A larger number is almost always milliseconds given where seconds are meant.
 */
export const MAX_TIMEOUT = 400 * 86_400

/** Checks one timeout in seconds; `name` goes into the message. */
export function checkTimeout(name: string, seconds: unknown): number {
  if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds <= 0) {
    throw new SessionConfigError(`${name} must be a positive number of seconds, got ${String(seconds)}`)
  }
  if (seconds > MAX_TIMEOUT) {
    throw new SessionConfigError(
      `${name} is ${seconds} seconds (over 400 days, longer than browsers keep a cookie): timeouts are in seconds, not milliseconds`,
    )
  }
  return seconds
}

/** Checks a pair of timeouts (seconds): each valid, and the idle one no longer than the absolute one. */
export function checkLifetime(lifetime: { idleTimeout: unknown; absoluteTimeout: unknown }): void {
  const idle = checkTimeout('idleTimeout', lifetime.idleTimeout)
  const absolute = checkTimeout('absoluteTimeout', lifetime.absoluteTimeout)
  if (idle > absolute) {
    throw new SessionConfigError(
      `idleTimeout (${idle}s) must not exceed absoluteTimeout (${absolute}s): the absolute deadline would always come first`,
    )
  }
}

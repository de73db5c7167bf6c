import type { ResolvedConfig } from './config'

type Timeouts = Pick<ResolvedConfig, 'idleTimeoutMs' | 'absoluteTimeoutMs'>

/** When a session expires: min(idle deadline, absolute deadline). Epoch milliseconds. */
export function expiryOf(timeouts: Timeouts, createdAt: number, lastAccessedAt: number): number {
  return Math.min(lastAccessedAt + timeouts.idleTimeoutMs, createdAt + timeouts.absoluteTimeoutMs)
}

/** Which deadline a session has passed at `now`, if any (the earlier one when both have). */
export function expiryReason(
  timeouts: Timeouts,
  createdAt: number,
  lastAccessedAt: number,
  now: number,
): 'idle' | 'absolute' | undefined {
  const idleDeadline = lastAccessedAt + timeouts.idleTimeoutMs
  const absoluteDeadline = createdAt + timeouts.absoluteTimeoutMs
  if (now < idleDeadline && now < absoluteDeadline) return undefined
  return absoluteDeadline <= idleDeadline ? 'absolute' : 'idle'
}

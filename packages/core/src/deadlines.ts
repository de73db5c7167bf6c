/** When a session expires: min(idle deadline, absolute deadline). Epoch milliseconds. */
export function expiryOf(idleTimeoutMs: number, absoluteDeadline: number, lastAccessedAt: number): number {
  return Math.min(lastAccessedAt + idleTimeoutMs, absoluteDeadline)
}

/** Which deadline a session has passed at `now`, if any (the earlier one when both have). */
export function expiryReason(
  idleTimeoutMs: number,
  absoluteDeadline: number,
  lastAccessedAt: number,
  now: number,
): 'idle' | 'absolute' | undefined {
  const idleDeadline = lastAccessedAt + idleTimeoutMs
  if (now < idleDeadline && now < absoluteDeadline) return undefined
  return absoluteDeadline <= idleDeadline ? 'absolute' : 'idle'
}

/** Whole seconds from `now` until `deadline`, at least 1: the store TTL and the cookie's Max-Age alike. */
export function secondsUntil(deadline: number, now: number): number {
  return Math.max(1, Math.ceil((deadline - now) / 1000))
}

/** The idle timeout (ms) and absolute deadline (epoch ms) of a stored record, its own timeouts overriding the manager's. */
export function deadlinesOf(
  defaults: { idleTimeoutMs: number; absoluteTimeoutMs: number },
  stored: { createdAt: number; idleTimeout?: number | undefined; absoluteTimeout?: number | undefined },
): { idleTimeoutMs: number; absoluteDeadline: number } {
  return {
    idleTimeoutMs: stored.idleTimeout === undefined ? defaults.idleTimeoutMs : stored.idleTimeout * 1000,
    absoluteDeadline:
      stored.createdAt +
      (stored.absoluteTimeout === undefined ? defaults.absoluteTimeoutMs : stored.absoluteTimeout * 1000),
  }
}

/** When a stored record expires unless refreshed. Epoch milliseconds. */
export function expiryOfStored(
  defaults: { idleTimeoutMs: number; absoluteTimeoutMs: number },
  stored: { createdAt: number; lastAccessedAt: number; idleTimeout?: number; absoluteTimeout?: number },
): number {
  const { idleTimeoutMs, absoluteDeadline } = deadlinesOf(defaults, stored)
  return expiryOf(idleTimeoutMs, absoluteDeadline, stored.lastAccessedAt)
}

import { setTimeout as sleep } from 'node:timers/promises'

/**
 * Polls `check` until it returns a value other than `undefined`, for at most `timeoutMs`
 * milliseconds (every `intervalMs`, default 50). Throws naming `what` when time runs out, with
 * the last failure's message, so a server that never comes up says why.
 */
export async function waitUntil<T>(
  what: string,
  check: () => Promise<T | undefined>,
  options: { timeoutMs: number; intervalMs?: number },
): Promise<T> {
  const deadline = Date.now() + options.timeoutMs
  let lastError: unknown
  for (let attempt = 0; Date.now() < deadline && attempt < 100_000; attempt++) {
    try {
      const value = await check()
      if (value !== undefined) return value
    } catch (error) {
      lastError = error
    }
    await sleep(options.intervalMs ?? 50)
  }
  const reason = lastError instanceof Error ? `: ${lastError.message}` : ''
  throw new Error(`[testkit] timed out after ${options.timeoutMs} ms waiting for ${what}${reason}`)
}

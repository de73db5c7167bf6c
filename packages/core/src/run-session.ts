import type { HttpSession } from './http-session'
import type { SessionManager } from './manager'

/**
 * One request's session work for a framework that writes the response only after its
 * middleware chain has settled (Koa, h3 2): begin and load, run the rest of the chain with the
 * session, commit, then hand the Set-Cookie value (if any) to `appendCookie`. Because the
 * framework has not sent anything yet, the commit finishes before the response starts.
 *
 * The commit runs even when the chain throws, as it does for an Express error page: what the
 * handler changed before the error is kept. A load or commit failure rejects with
 * `SessionStoreError` (status 503) for the framework's error path, and no cookie is handed over.
 * When both the chain and the commit fail, the chain's error is the one rethrown (it is the
 * cause of the failed response); the store error has already reached the `storeError` hook.
 */
export async function runSession<T>(
  manager: SessionManager,
  cookieHeader: string | undefined,
  run: (session: HttpSession) => T | Promise<T>,
  appendCookie: (cookie: string) => void,
): Promise<T> {
  const lifecycle = manager.begin(cookieHeader)
  const session = await lifecycle.load()
  let outcome: { value: T } | { error: unknown }
  try {
    outcome = { value: await run(session) }
  } catch (error) {
    outcome = { error }
  }
  try {
    // startCommit() answers undefined when nothing needed writing: no promise to wait for then.
    const committing = lifecycle.startCommit ? lifecycle.startCommit() : lifecycle.commit()
    if (committing !== undefined) await committing
  } catch (commitError) {
    throw 'error' in outcome ? outcome.error : commitError
  }
  const cookie = lifecycle.setCookie()
  if (cookie !== undefined) appendCookie(cookie)
  if ('error' in outcome) throw outcome.error
  return outcome.value
}

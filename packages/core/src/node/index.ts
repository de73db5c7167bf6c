import type { IncomingMessage, ServerResponse } from 'node:http'

import type { HttpSession } from '../http-session'
import type { SessionLifecycle } from '../lifecycle'
import type { SessionManager } from '../manager'
import { readCookieHeader } from './headers'
import { bindLifecycleToResponse } from './response-binding'

export { appendSetCookie, readCookieHeader } from './headers'
export { setRequestSession } from './request-session'
export { bindLifecycleToResponse } from './response-binding'

/**
 * The per-request work of a Node-http adapter, short of attaching the session to the
 * framework's request: begin the lifecycle from the Cookie header, load, and bind the
 * response. Rejects with `SessionStoreError` when the load fails (the adapter passes it to
 * its framework's error path). Check `manager.shouldSkip(...)` first.
 */
export function openNodeSession(
  manager: SessionManager,
  req: IncomingMessage,
  res: ServerResponse,
  onCommitError: (error: unknown) => void,
): Promise<HttpSession> {
  // A chain, not an async function: one promise less on every request.
  let lifecycle: SessionLifecycle
  try {
    lifecycle = manager.begin(readCookieHeader(req))
  } catch (error) {
    return Promise.reject(error)
  }
  return lifecycle.load().then((session) => {
    bindLifecycleToResponse(res, lifecycle, onCommitError)
    return session
  })
}

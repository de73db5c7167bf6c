import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http'

import type { HttpSession } from '../http-session'
import type { SessionLifecycle } from '../lifecycle'
import type { SessionManager } from '../manager'

/** The request's `Cookie` header as one string. */
export function readCookieHeader(req: IncomingMessage): string | undefined {
  const header = req.headers.cookie
  return Array.isArray(header) ? header.join('; ') : header
}

/** Adds a Set-Cookie value next to any the application set; never replaces them. */
export function appendSetCookie(res: ServerResponse, cookie: string): void {
  const existing = res.getHeader('set-cookie')
  if (existing === undefined) res.setHeader('set-cookie', cookie)
  else res.setHeader('set-cookie', [...(Array.isArray(existing) ? existing : [String(existing)]), cookie])
}

type WriteHeadArgs = Parameters<ServerResponse['writeHead']>

/** `writeHead(status, headers)` replaces same-named headers set earlier, so the cookie joins them there. */
function addCookieToWriteHead(res: ServerResponse, args: unknown[], cookie: string): void {
  const headers = args[args.length - 1]
  if (Array.isArray(headers)) {
    headers.push('set-cookie', cookie)
    return
  }
  if (headers !== null && typeof headers === 'object') {
    const given = headers as OutgoingHttpHeaders
    const name = Object.keys(given).find((key) => key.toLowerCase() === 'set-cookie')
    if (name !== undefined) {
      const value = given[name]
      given[name] = [...(Array.isArray(value) ? value : [String(value)]), cookie]
      return
    }
  }
  appendSetCookie(res, cookie)
}

/**
 * The response the handler prepared is not the one that goes out when its commit failed: a
 * `Location`, a `Cache-Control: public` or the app's own cookies must not ride on the error.
 */
function dropHandlerHeaders(res: ServerResponse): void {
  for (const name of res.getHeaderNames()) res.removeHeader(name)
  res.setHeader('cache-control', 'no-store')
}

/**
 * The lifecycle's `startCommit()`; for a lifecycle without one (a wrapper implementing only
 * `commit()`), `commit()`, reporting nothing to wait for when it settled synchronously.
 */
function startCommit(lifecycle: SessionLifecycle): Promise<void> | undefined {
  if (lifecycle.startCommit !== undefined) return lifecycle.startCommit()
  const committing = lifecycle.commit()
  return lifecycle.state === 'committed' ? undefined : committing
}

/**
 * Ties a lifecycle to a Node response: the Set-Cookie header is added as the headers go out
 * (whoever writes them: `end`, `write`, `writeHead`, `flushHeaders`, a piped stream), and
 * `end` is held until `commit()` has resolved, so a client that follows a redirect at once
 * reads its own write.
 *
 * When the commit fails before anything was sent, `onCommitError` gets the error (the adapter
 * hands it to its framework's error path, which answers 503). When the body was already
 * streaming, the response is destroyed instead: a truncated response is honest, a completed
 * one would claim a write that never happened.
 */
export function bindLifecycleToResponse(
  res: ServerResponse,
  lifecycle: SessionLifecycle,
  onCommitError: (error: unknown) => void,
): void {
  const writeHead = res.writeHead
  const end = res.end
  let ending = false

  res.writeHead = function writeHeadWithSessionCookie(this: ServerResponse, ...args: unknown[]) {
    if (!this.headersSent) {
      const cookie = lifecycle.setCookie()
      if (cookie !== undefined) addCookieToWriteHead(this, args, cookie)
    }
    return writeHead.apply(this, args as WriteHeadArgs)
  } as ServerResponse['writeHead']

  res.end = function endAfterCommit(this: ServerResponse, ...args: unknown[]) {
    if (ending) return this
    ending = true
    const committing = startCommit(lifecycle)
    // Nothing to write (most read-only requests): the commit is complete, so the response ends
    // now, with no promise to wait for and nothing redefined on `res`.
    if (committing === undefined) {
      res.end = end
      return end.apply(this, args as Parameters<ServerResponse['end']>)
    }
    // Node's contract: `writableEnded` is true once end() was called. Frameworks tell a handled
    // request by it (h3 1.x does), so it must not read false while the end waits for the commit.
    // Node's getter reads `finished`, an own data field, so setting that changes no object shape
    // (on Express's responses, whose prototype was swapped, each property added or deleted costs
    // microseconds); a redefined getter is the fallback for a Node whose getter differs.
    res.finished = true
    const redefined = !res.writableEnded
    if (redefined) Object.defineProperty(res, 'writableEnded', { configurable: true, get: () => true })
    const unmark = () => {
      res.finished = false
      if (redefined) Reflect.deleteProperty(res, 'writableEnded')
    }
    committing.then(
      () => {
        unmark()
        res.end = end
        res.end(...(args as Parameters<ServerResponse['end']>))
      },
      (error: unknown) => {
        unmark()
        res.writeHead = writeHead
        res.end = end
        if (res.headersSent) res.destroy(error instanceof Error ? error : undefined)
        else {
          dropHandlerHeaders(res)
          onCommitError(error)
        }
      },
    )
    return this
  } as ServerResponse['end']
}

/**
 * The per-request work of a Node-http adapter, short of attaching the session to the
 * framework's request: begin the lifecycle from the Cookie header, load, and bind the
 * response. Rejects with `SessionStoreError` when the load fails (the adapter passes it to
 * its framework's error path). Check `manager.shouldSkip(...)` first.
 */
export async function openNodeSession(
  manager: SessionManager,
  req: IncomingMessage,
  res: ServerResponse,
  onCommitError: (error: unknown) => void,
): Promise<HttpSession> {
  const lifecycle = manager.begin(readCookieHeader(req))
  const session = await lifecycle.load()
  bindLifecycleToResponse(res, lifecycle, onCommitError)
  return session
}

import { ServerResponse } from 'node:http'

import type { SessionLifecycle } from '../lifecycle'
import { attachBinding, type CarriedBinding, findBinding, releaseBinding } from './binding-carrier'
import { addCookieToWriteHead, dropHandlerHeaders } from './headers'
import { sharedPrototype } from './shared-prototype'

type WriteHeadArgs = Parameters<ServerResponse['writeHead']>
type EndArgs = Parameters<ServerResponse['end']>

/** One response's session: what its hooks need. */
interface Binding extends CarriedBinding {
  lifecycle: SessionLifecycle
  onCommitError: (error: unknown) => void
  /** end() was called once: later calls are no-ops until the commit lets the first one through. */
  ending: boolean
  /** The commit settled and the held end() went through: end() passes straight on. */
  released: boolean
  /** The commit failed: the hooks pass everything through and add no cookie. */
  detached: boolean
  /** What `req.session` reads on Express (see request-session.ts): kept here, not on the request. */
  session: unknown
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

/** Adds the session cookie to headers about to go out (whoever writes them). */
function beforeHeaders(binding: Binding, res: ServerResponse, args: unknown[]): void {
  if (res.headersSent) return
  const cookie = binding.lifecycle.setCookie()
  if (cookie !== undefined) addCookieToWriteHead(res, args, cookie)
}

/**
 * What `end()` does for a bound response: start the commit, and hand the end on at once when
 * there is nothing to write, else once the commit resolved. `passOn` calls the response's own
 * end; `release` undoes the binding's hold so that call goes through; `unbind` drops the hooks
 * (the commit failed: the error answer carries no session cookie).
 */
function holdEnd(
  binding: Binding,
  res: ServerResponse,
  args: unknown[],
  passOn: () => ServerResponse,
  unbind: () => void,
): ServerResponse {
  if (binding.ending) return res
  binding.ending = true
  const committing = startCommit(binding.lifecycle)
  // Nothing to write (most read-only requests): the commit is complete, so the response ends
  // now, with no promise to wait for and nothing marked on `res`.
  if (committing === undefined) {
    binding.released = true
    return passOn()
  }
  // Node's contract: `writableEnded` is true once end() was called. Frameworks tell a handled
  // request by it (h3 1.x does), so it must not read false while the end waits for the commit.
  // Node's getter reads `finished`, an own data field, so setting that changes no object shape;
  // a redefined getter is the fallback for a Node whose getter differs.
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
      binding.released = true
      res.end(...(args as EndArgs))
    },
    (error: unknown) => {
      unmark()
      unbind()
      if (res.headersSent) res.destroy(error instanceof Error ? error : undefined)
      else {
        dropHandlerHeaders(res)
        binding.onCommitError(error)
      }
    },
  )
  return res
}

/**
 * Hooks as own properties of the response: cheap on a response whose prototype nobody changed
 * (plain Node, h3 1.x, Nitro, Fastify's raw reply), and the fallback everywhere else.
 */
function bindWithOwnHooks(res: ServerResponse, binding: Binding): void {
  const writeHead = res.writeHead
  const end = res.end
  res.writeHead = function writeHeadWithSessionCookie(this: ServerResponse, ...args: unknown[]) {
    beforeHeaders(binding, this, args)
    return writeHead.apply(this, args as WriteHeadArgs)
  } as ServerResponse['writeHead']
  res.end = function endAfterCommit(this: ServerResponse, ...args: unknown[]) {
    if (binding.released) return end.apply(this, args as EndArgs)
    return holdEnd(
      binding,
      this,
      args,
      () => {
        // An existing own property: writing it back changes no shape, and leaves Node's end in place.
        res.end = end
        return end.apply(this, args as EndArgs)
      },
      () => {
        res.writeHead = writeHead
        res.end = end
      },
    )
  } as ServerResponse['end']
}

/** The prototypes holding the shared hooks (one per hooked chain). */
const hookPrototypes = new WeakSet<object>()
const serverResponse = ServerResponse.prototype

/**
 * The hooks every response of a hooked prototype chain inherits; a response without a binding
 * passes straight through. They call the next `writeHead`/`end` up the chain at call time, so
 * instrumentation that patches `ServerResponse.prototype` later still runs.
 */
const sharedHooks = {
  writeHead(this: ServerResponse, ...args: unknown[]) {
    const binding = findBinding<Binding>(this)
    if (binding !== undefined && !binding.detached) beforeHeaders(binding, this, args)
    return serverResponse.writeHead.apply(this, args as WriteHeadArgs)
  },
  end(this: ServerResponse, ...args: unknown[]) {
    const binding = findBinding<Binding>(this)
    if (binding === undefined) return serverResponse.end.apply(this, args as EndArgs)
    const ended = binding.released
      ? serverResponse.end.apply(this, args as EndArgs)
      : holdEnd(
          binding,
          this,
          args,
          () => serverResponse.end.apply(this, args as EndArgs),
          () => {
            // The binding stays: `req.session` still reads the session in the error handler.
            binding.detached = true
            binding.released = true
          },
        )
    // The end went through (at once, or after the commit): the headers are out.
    if (binding.released && this.writableEnded) releaseBinding(binding)
    return ended
  },
}

/**
 * Where shared hooks go for `res`: the object in its prototype chain that sits directly on
 * `ServerResponse.prototype` (Express's `response`, shared by every app of one Express copy),
 * when that is not `res` itself and nothing between them has its own `writeHead` or `end`
 * (another library's hook, which would shadow ours). `undefined`: use own hooks.
 */
function sharedHookTarget(res: ServerResponse): object | undefined {
  return sharedPrototype(
    res,
    (parent) => parent === serverResponse || hookPrototypes.has(parent),
    (candidate) => Object.hasOwn(candidate, 'writeHead') || Object.hasOwn(candidate, 'end'),
  )
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
 *
 * Express swaps each response's prototype for its app's, which gives every response a shape of
 * its own: each property then added to it costs microseconds and a copy of its property table
 * (measured: 2.7 µs each, plus the garbage). So where the chain allows, the two hooks are
 * installed once, on the prototype all of one Express copy's responses share (below anything
 * apps add), and the binding is kept where binding-carrier.ts says, so the response gains no
 * property at all. That prototype, not the app's, because a mounted app swaps in its own
 * prototype and back while it handles the request.
 */
export function bindLifecycleToResponse(
  res: ServerResponse,
  lifecycle: SessionLifecycle,
  onCommitError: (error: unknown) => void,
): void {
  const binding: Binding = {
    response: res,
    lifecycle,
    onCommitError,
    ending: false,
    released: false,
    detached: false,
    session: undefined,
  }
  const shared = findBinding(res) === undefined ? sharedHookTarget(res) : undefined
  if (shared === undefined) {
    bindWithOwnHooks(res, binding)
    return
  }
  // Once per Express copy: after that, the shared object already sits on the hooks.
  if (!hookPrototypes.has(Object.getPrototypeOf(shared) as object)) {
    const hooks = Object.assign(Object.create(serverResponse) as object, sharedHooks)
    hookPrototypes.add(hooks)
    Object.setPrototypeOf(shared, hooks)
  }
  attachBinding(res, binding)
}

/**
 * The binding `res` carries for the shared hooks (an Express response's), if any: where
 * `req.session` is kept on Express.
 */
export function sharedBindingOf(res: unknown): { session: unknown } | undefined {
  return typeof res === 'object' && res !== null ? findBinding<Binding>(res as ServerResponse) : undefined
}

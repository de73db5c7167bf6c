import type { IncomingMessage, ServerResponse } from 'node:http'

/*
 * Where a response bound through the shared hooks (an Express response: see response-binding.ts)
 * keeps its binding: on `res.locals`, the object Express creates for each response to carry
 * what middleware shares with later handlers. Not on the response itself: an Express
 * response's shape is its own, and each property added to it copies its map (`pnpm bench
 * --express-binding` shows one costing +2 to +4 µs; the whole binding cost 2.5 µs less per
 * request once it left the response, in an A/B of the two builds).
 * Not in a WeakMap: V8's young-generation GC keeps a WeakMap's young keys alive, so every
 * response (and its request, socket buffers and parser state) survived into the old
 * generation; measured on Express, that doubled GC time per request. Not on `req.headers`
 * (as cheap): any symbol key there, enumerable or not, makes `new Headers(req.headers)` and
 * `fetch(url, { headers: req.headers })` throw, which proxies do.
 *
 * Not enumerable: invisible to `Object.keys`, spreads, `Object.assign` (so to `res.render`'s
 * merge of the locals), `util.inspect`, JSON and devalue (which refuses an enumerable symbol
 * key). Apps also replace `res.locals` (`res.locals = { ... }`): so the connection keeps
 * its latest binding until that response has ended, and a response whose locals lost the
 * binding finds it there.
 */

const BINDING: unique symbol = Symbol('fly-session.binding')
const LATEST: unique symbol = Symbol('fly-session.latest-binding')

/** A binding knows its response, so the connection's latest one can be told apart from another response's. */
export interface CarriedBinding {
  readonly response: ServerResponse
}

type Carrier<T> = { [BINDING]?: T | undefined }
type Connection<T> = { [LATEST]?: T | undefined }

/** `res`'s request, with its headers and socket, when it has one (a hand-built response may not). */
function requestOf(res: ServerResponse): IncomingMessage | undefined {
  return (res as Partial<Pick<ServerResponse, 'req'>>).req ?? undefined
}

/**
 * The object that carries `res`'s binding: the response's `locals` (Express's per-response
 * object), or `res` itself when it has none that can take a property.
 */
function carrierOf<T>(res: ServerResponse): Carrier<T> {
  const locals = (res as { locals?: unknown }).locals
  return typeof locals === 'object' && locals !== null && Object.isExtensible(locals)
    ? (locals as Carrier<T>)
    : (res as Carrier<T>)
}

function connectionOf<T>(res: ServerResponse): Connection<T> | undefined {
  return (requestOf(res)?.socket ?? undefined) as Connection<T> | undefined
}

/** Gives `res` its binding. */
export function attachBinding<T extends CarriedBinding>(res: ServerResponse, binding: T): void {
  // Not enumerable: what copies or renders `res.locals` (`{ ...res.locals }`, a view, a logger) does not see it.
  Object.defineProperty(carrierOf<T>(res), BINDING, { value: binding, writable: true, configurable: true })
  const connection = connectionOf<T>(res)
  if (connection !== undefined) connection[LATEST] = binding
}

/**
 * `res`'s binding, if it has one. What the carrier holds is checked to be `res`'s own: an app
 * may give every response one shared `res.locals` (`res.locals = defaults`), where concurrent
 * responses overwrite each other's binding, and a response that took another's would read and
 * commit another user's session. The connection then has the response's own.
 */
export function findBinding<T extends CarriedBinding>(res: ServerResponse): T | undefined {
  const binding = carrierOf<T>(res)[BINDING]
  if (binding?.response === res) return binding
  const latest = connectionOf<T>(res)?.[LATEST]
  return latest?.response === res ? latest : undefined
}

/** `res` has ended: its connection lets go of the binding (and, through it, of the response). */
export function releaseBinding<T extends CarriedBinding>(binding: T): void {
  const connection = connectionOf<T>(binding.response)
  if (connection?.[LATEST] === binding) connection[LATEST] = undefined
}

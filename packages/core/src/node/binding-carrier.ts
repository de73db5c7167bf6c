import type { IncomingMessage, ServerResponse } from 'node:http'

/*
 * Where a response bound through the shared hooks (an Express response: see response-binding.ts)
 * keeps its binding. On a non-enumerable property of its request's headers object, which Node
 * creates per request with an ordinary shape. Not on the response: an Express response's shape
 * is its own, and a property added to it cost 5.4 µs per request more (measured in one process
 * on real Express 5 requests), where the headers object takes one for a fraction of that. Not in
 * a WeakMap: V8's young-generation GC keeps a WeakMap's young keys alive, so every response (and
 * its request, socket buffers and parser state) survived into the old generation; measured on
 * Express, that doubled GC time per request. Not in `res.locals`: apps replace it
 * (`res.locals = { ... }`), and the held end, with the commit, would be lost with it.
 *
 * An app may replace `req.headers` too, if rarely. So the connection also keeps its latest
 * binding until the response has ended, and a response whose headers object lost the binding
 * finds it there.
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
 * The object that carries `res`'s binding: its request's headers, or `res` itself when there
 * is no request or its headers cannot take a property (a hand-built or frozen one).
 */
function carrierOf<T>(res: ServerResponse): Carrier<T> {
  const headers = requestOf(res)?.headers
  return typeof headers === 'object' && headers !== null && Object.isExtensible(headers)
    ? (headers as Carrier<T>)
    : (res as Carrier<T>)
}

function connectionOf<T>(res: ServerResponse): Connection<T> | undefined {
  return (requestOf(res)?.socket ?? undefined) as Connection<T> | undefined
}

/** Gives `res` its binding. */
export function attachBinding<T extends CarriedBinding>(res: ServerResponse, binding: T): void {
  // Not enumerable: copies of the headers (`{ ...req.headers }`, a logger's) do not carry it.
  Object.defineProperty(carrierOf<T>(res), BINDING, { value: binding, writable: true, configurable: true })
  const connection = connectionOf<T>(res)
  if (connection !== undefined) connection[LATEST] = binding
}

/** `res`'s binding, if it has one. */
export function findBinding<T extends CarriedBinding>(res: ServerResponse): T | undefined {
  const binding = carrierOf<T>(res)[BINDING]
  if (binding !== undefined) return binding
  const latest = connectionOf<T>(res)?.[LATEST]
  return latest?.response === res ? latest : undefined
}

/** `res` has ended: its connection lets go of the binding (and, through it, of the response). */
export function releaseBinding<T extends CarriedBinding>(binding: T): void {
  const connection = connectionOf<T>(binding.response)
  if (connection?.[LATEST] === binding) connection[LATEST] = undefined
}

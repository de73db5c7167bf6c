import { IncomingMessage } from 'node:http'

import type { HttpSession } from '../http-session'
import { sharedBindingOf } from './response-binding'
import { sharedPrototype } from './shared-prototype'

const incomingMessage = IncomingMessage.prototype

/** The shared request objects we defined the `session` accessor on. */
const holders = new WeakSet<object>()

/** The response Express links to each request (`req.res`). */
const responseOf = (req: object) => (req as { res?: unknown }).res

/**
 * `req.session` on Express requests: read from the binding the response already carries, so the
 * request gets no property of its own. Anyone else's assignment makes an own property, as it
 * would without the accessor; deleting that property uncovers the accessor again, which reads
 * `undefined` on requests `setRequestSession` never served (the compat layer's: its `destroy()`
 * deletes `req.session`, and must leave it unset).
 */
const sessionAccessor: PropertyDescriptor = {
  configurable: true,
  get(this: object) {
    return sharedBindingOf(responseOf(this))?.session
  },
  set(this: object, value: unknown) {
    Object.defineProperty(this, 'session', { value, writable: true, enumerable: true, configurable: true })
  },
}

/**
 * Sets `req.session`, as cheaply as the request allows. Express swaps each request's prototype,
 * after which every property added to the request copies its map (its hidden class): 3.5 µs
 * for an own `session` on Express 5, measured, and the garbage of one map per request. So where the
 * response is bound through the shared hooks (Express) and nothing in the request's prototype
 * chain has a `session` of its own, `session` is an accessor defined once on the request object
 * every app of one Express copy shares, reading the session from the response's binding. Elsewhere
 * (another library defined `session` first, or no shared binding): an own property, as before.
 */
export function setRequestSession(req: IncomingMessage, session: HttpSession): void {
  const binding = sharedBindingOf(responseOf(req))
  const holder =
    binding === undefined
      ? undefined
      : sharedPrototype(
          req,
          (parent) => parent === incomingMessage,
          (candidate) => Object.hasOwn(candidate, 'session') && !holders.has(candidate),
        )
  if (binding === undefined || holder === undefined) {
    ;(req as { session?: unknown }).session = session
    return
  }
  if (!holders.has(holder)) {
    Object.defineProperty(holder, 'session', sessionAccessor)
    holders.add(holder)
  }
  binding.session = session
}

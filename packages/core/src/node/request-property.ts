import { IncomingMessage } from 'node:http'

import { sharedPrototype } from './shared-prototype'

const incomingMessage = IncomingMessage.prototype

/** An accessor keeping each request's value in a WeakMap of its own (one per name, so no map per request). */
function sharedAccessor(): PropertyDescriptor {
  const values = new WeakMap<object, unknown>()
  return {
    configurable: true,
    get(this: object) {
      return values.get(this)
    },
    set(this: object, value: unknown) {
      values.set(this, value)
    },
  }
}

/** The shared objects that carry an accessor, by the names they carry. */
const accessors = new WeakMap<object, Set<string>>()

/**
 * `req[name] = value`, as cheap as it can be made: on a request whose prototype Express swapped,
 * through an accessor defined once on the request object all apps of that Express copy share
 * (see `sharedPrototype`), the value kept per request in a WeakMap; elsewhere an own property.
 * Reads and later assignments (`req.session = other`) behave as for a property; on requests that
 * never had it set, the accessor reads `undefined`.
 */
export function setRequestProperty(req: IncomingMessage, name: string, value: unknown): void {
  const target = sharedPrototype(
    req,
    (parent) => parent === incomingMessage,
    (candidate) => Object.hasOwn(candidate, name) && accessors.get(candidate)?.has(name) !== true,
  )
  if (target === undefined) {
    Reflect.set(req, name, value)
    return
  }
  const names = accessors.get(target) ?? new Set<string>()
  if (!names.has(name)) {
    Object.defineProperty(target, name, sharedAccessor())
    accessors.set(target, names.add(name))
  }
  Reflect.set(req, name, value)
}

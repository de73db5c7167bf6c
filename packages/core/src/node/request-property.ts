import { IncomingMessage } from 'node:http'

import { sharedPrototype } from './shared-prototype'

/** Per request, the values set through a shared accessor. */
const values = new WeakMap<object, Map<string, unknown>>()
const incomingMessage = IncomingMessage.prototype

function sharedAccessor(name: string): PropertyDescriptor {
  return {
    configurable: true,
    get(this: object) {
      return values.get(this)?.get(name)
    },
    set(this: object, value: unknown) {
      const own = values.get(this)
      if (own === undefined) values.set(this, new Map([[name, value]]))
      else own.set(name, value)
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
    Object.defineProperty(target, name, sharedAccessor(name))
    accessors.set(target, names.add(name))
  }
  Reflect.set(req, name, value)
}

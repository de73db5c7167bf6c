/**
 * The object in `instance`'s prototype chain that sits directly on the base prototype (`isBase`
 * tells it), when that is not `instance` itself: for Express's requests and responses, the
 * `request` / `response` object every app of one Express copy inherits from, below anything an
 * app adds. `undefined` when the instance's own prototype is the base (nobody swapped it, so
 * own properties are cheap) or when `shadows` says something on the way (the shared object
 * included) has an own property that would hide what goes on the shared object: another
 * library hooked there first.
 *
 * Why this matters: Express swaps each request's and response's prototype for its app's, which
 * gives every one a shape of its own, and each property then added to it costs about 2.7 µs and
 * a copy of its property table (measured). Whatever goes once on the shared object costs nothing
 * per request.
 */
export function sharedPrototype(
  instance: object,
  isBase: (prototype: object) => boolean,
  shadows: (candidate: object) => boolean,
): object | undefined {
  let current: object = instance
  for (let depth = 0; depth < 8; depth++) {
    if (shadows(current)) return undefined
    const parent = Object.getPrototypeOf(current) as object | null
    if (parent === null) return undefined
    if (isBase(parent)) return current === instance ? undefined : current
    current = parent
  }
  return undefined
}

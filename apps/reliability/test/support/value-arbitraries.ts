import fc from 'fast-check'

/** Attribute names an attacker would choose, and arbitrary ones. */
export const attributeName = fc.oneof(
  fc.constantFrom(
    '__proto__',
    'constructor',
    'prototype',
    'hasOwnProperty',
    'toString',
    'valueOf',
    '__defineGetter__',
    '',
    'a.b',
    'a\u0000b',
  ),
  fc.string({ unit: 'binary', maxLength: 40 }),
)

/** Everything fast-check can build from plain data: Map, Set, Date, BigInt, boxed values, holes... */
export const plainValue = fc.anything({
  maxDepth: 4,
  maxKeys: 6,
  withBoxedValues: true,
  withMap: true,
  withSet: true,
  withNullPrototype: true,
  withBigInt: true,
  withDate: true,
  withTypedArray: true,
  withSparseArray: true,
  stringUnit: 'binary',
})

/** `depth` levels of arrays (or of `{ next }` objects) around the string 'bottom'. */
export function nested(depth: number, asArray: boolean): unknown {
  let value: unknown = 'bottom'
  for (let level = 0; level < depth; level++) value = asArray ? [value] : { next: value }
  return value
}

/** How deep `value` nests before reaching 'bottom', or -1 when it is not such a chain. Iterative. */
export function nestingDepth(value: unknown): number {
  let depth = 0
  let current = value
  while (current !== 'bottom') {
    if (Array.isArray(current) && current.length === 1) current = current[0]
    else if (current !== null && typeof current === 'object' && Object.keys(current).join() === 'next')
      current = (current as { next: unknown }).next
    else return -1
    depth++
  }
  return depth
}

/** Values that refer to themselves, directly or through a Map or an array. */
const cyclic = fc.tuple(plainValue, fc.constantFrom('object', 'array', 'map')).map(([inner, shape]) => {
  if (shape === 'array') {
    const array: unknown[] = [inner]
    array.push(array)
    return array
  }
  if (shape === 'map') {
    const map = new Map<unknown, unknown>([['inner', inner]])
    map.set('self', map)
    return map
  }
  const object: Record<string, unknown> = { inner }
  object.self = object
  return object
})

/** Payloads that try to reach a prototype through parsing or merging. */
const pollutionAttempts = fc.constantFrom(
  JSON.parse('{"__proto__":{"polluted":true}}'),
  JSON.parse('{"a":{"__proto__":{"polluted":true}}}'),
  JSON.parse('{"constructor":{"prototype":{"polluted":true}}}'),
  JSON.parse('[{"__proto__":{"polluted":true}}]'),
  new Map([['__proto__', { polluted: true }]]),
)

/** Strings around and past the default 256 KiB `maxSize`. */
const hugeString = fc
  .tuple(fc.integer({ min: 100_000, max: 400_000 }), fc.constantFrom('x', 'é', '😀', '\u0000'))
  .map(([length, char]) => char.repeat(Math.ceil(length / char.length)))

class Account {
  constructor(readonly id: number) {}
}

/** Values no codec can store faithfully. */
const unserializable = fc.constantFrom<unknown>(
  () => 1,
  Symbol('s'),
  new Account(1),
  new WeakMap(),
  Promise.resolve(1),
  { nested: { fn: () => 1 } },
  { [Symbol('key')]: 1 },
  Object.assign(Object.create({ inherited: true }), { own: 1 }),
)

/** Any value a handler might pass to `session.set`. */
export const attributeValue = fc.oneof(
  { arbitrary: plainValue, weight: 6 },
  { arbitrary: cyclic, weight: 1 },
  { arbitrary: pollutionAttempts, weight: 1 },
  { arbitrary: hugeString, weight: 1 },
  { arbitrary: unserializable, weight: 1 },
)

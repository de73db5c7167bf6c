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

/** Arrays whose length dwarfs their entries (the walk must cost the entries, not the length). */
const hugeSparse = fc
  .tuple(fc.integer({ min: 1_000, max: 100_000 }), fc.array(fc.tuple(fc.nat(), plainValue), { maxLength: 3 }))
  .map(([length, entries]) => {
    const array: unknown[] = []
    array.length = length
    for (const [index, value] of entries) array[index % length] = value
    return array
  })

/** Buffers and typed arrays up to 1 MiB, past the default maxSize once encoded. */
const bigBinary = fc
  .tuple(fc.integer({ min: 1, max: 1024 * 1024 }), fc.constantFrom('bytes', 'float64', 'arraybuffer'))
  .map(([bytes, kind]) =>
    kind === 'bytes'
      ? new Uint8Array(bytes).fill(7)
      : kind === 'float64'
        ? new Float64Array(Math.ceil(bytes / 8))
        : new ArrayBuffer(bytes),
  )

/** A chain of arrays with one of its nodes also referenced directly, before or after the chain. */
const sharedChain = fc
  .tuple(fc.integer({ min: 1, max: 700 }), fc.integer({ min: 0, max: 700 }), fc.boolean())
  .map(([depth, at, shortcutFirst]) => {
    let chain: unknown[] = []
    let node = chain
    for (let level = 1; level <= depth; level++) {
      chain = [chain]
      if (level === Math.min(at, depth)) node = chain
    }
    return shortcutFirst ? [node, chain] : [chain, node]
  })

/** Text with lone surrogates, which a UTF-8 store would turn into U+FFFD. */
const loneSurrogates = fc.oneof(
  fc.constantFrom('a\uD800', '\uDBFF', '\uDC00x', '\uD83D\uD83D', 'ok\uDFFF\uD800'),
  fc.string({ unit: 'binary', maxLength: 30 }),
)

/** Any value a handler might pass to `session.set`. */
export const attributeValue = fc.oneof(
  { arbitrary: plainValue, weight: 6 },
  { arbitrary: hugeSparse, weight: 1 },
  { arbitrary: bigBinary, weight: 1 },
  { arbitrary: sharedChain, weight: 1 },
  { arbitrary: loneSurrogates, weight: 1 },
  { arbitrary: cyclic, weight: 1 },
  { arbitrary: pollutionAttempts, weight: 1 },
  { arbitrary: hugeString, weight: 1 },
  { arbitrary: unserializable, weight: 1 },
)

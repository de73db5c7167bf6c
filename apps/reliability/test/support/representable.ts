import { isDeepStrictEqual } from 'node:util'

import fc from 'fast-check'

/*
 * The oracle for the codec property: which values the default codec (devalue) is documented to
 * store, and whether what came back is the same value. Anything else must be refused with
 * UNSERIALIZABLE, at the `set` that offered it.
 */

const TYPED_ARRAYS = [
  Int8Array,
  Uint8Array,
  Uint8ClampedArray,
  Int16Array,
  Uint16Array,
  Int32Array,
  Uint32Array,
  Float32Array,
  Float64Array,
  BigInt64Array,
  BigUint64Array,
]

const STORABLE_PROTOTYPES = new Set<unknown>([
  null,
  Object.prototype,
  Array.prototype,
  Map.prototype,
  Set.prototype,
  Date.prototype,
  RegExp.prototype,
  Number.prototype,
  String.prototype,
  Boolean.prototype,
  BigInt.prototype,
  ArrayBuffer.prototype,
  ...TYPED_ARRAYS.map((type) => type.prototype),
])

/** The values directly inside `value` (keys and values of a Map, members of a Set...). */
function childrenOf(value: object): unknown[] {
  if (value instanceof Map) return [...value.keys(), ...value.values()]
  if (value instanceof Set) return [...value]
  if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) return []
  return Object.values(value)
}

/**
 * Every value reachable from `root`, each object once (so cycles end). A consumer that stops
 * early stops the walk. Iterative: values may nest 10⁴ deep.
 */
function* reachable(root: unknown): Generator<unknown> {
  const seen = new Set<unknown>()
  const pending: unknown[] = [root]
  while (pending.length > 0) {
    const value = pending.pop()
    if (value !== null && typeof value === 'object') {
      if (seen.has(value)) continue
      seen.add(value)
      yield value
      pending.push(...childrenOf(value))
    } else yield value
  }
}

/** Why `value` cannot be stored, or `undefined` when it can. */
export function unrepresentableReason(root: unknown): string | undefined {
  for (const value of reachable(root)) {
    if (typeof value === 'function') return 'a function'
    if (typeof value === 'symbol') return 'a symbol'
    if (value === null || typeof value !== 'object') continue
    if (!STORABLE_PROTOTYPES.has(Object.getPrototypeOf(value))) return 'a class instance'
    if (Object.getOwnPropertySymbols(value).length > 0) return 'a symbol key'
    if (Object.hasOwn(value, '__proto__')) return 'an own "__proto__" key'
  }
  return undefined
}

/** True when an Invalid Date is reachable from `root`. */
function holdsInvalidDate(root: unknown): boolean {
  for (const value of reachable(root)) {
    if (value instanceof Date && Number.isNaN(value.getTime())) return true
  }
  return false
}

/**
 * True when `actual` is the same value as `expected`: `util.isDeepStrictEqual`, except for Invalid
 * Dates, which Node 20 never counts as equal (it compares `getTime()` with `!==`, and NaN is not
 * NaN). For a value holding one, fast-check's printed forms are compared instead; they spell out
 * prototypes, holes, -0, boxed values and Map and Set contents (a cycle prints as `[cyclic]`).
 */
export function sameValue(actual: unknown, expected: unknown): boolean {
  if (isDeepStrictEqual(actual, expected)) return true
  return holdsInvalidDate(expected) && fc.stringify(actual) === fc.stringify(expected)
}

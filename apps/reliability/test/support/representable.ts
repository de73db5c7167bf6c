/*
 * The oracle for the codec property: which values the default codec (devalue) is documented to
 * store. Anything else must be refused with UNSERIALIZABLE, at the `set` that offered it.
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

/** Why `value` cannot be stored, or `undefined` when it can. Iterative: values may nest 10⁴ deep. */
export function unrepresentableReason(root: unknown): string | undefined {
  const seen = new Set<unknown>()
  const pending: unknown[] = [root]
  while (pending.length > 0) {
    const value = pending.pop()
    if (typeof value === 'function') return 'a function'
    if (typeof value === 'symbol') return 'a symbol'
    if (value === null || typeof value !== 'object' || seen.has(value)) continue
    seen.add(value)
    if (!STORABLE_PROTOTYPES.has(Object.getPrototypeOf(value))) return 'a class instance'
    if (Object.getOwnPropertySymbols(value).length > 0) return 'a symbol key'
    if (Object.hasOwn(value, '__proto__')) return 'an own "__proto__" key'
    pending.push(...childrenOf(value))
  }
  return undefined
}

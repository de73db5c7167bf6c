/**
 * Deepest nesting an attribute value may have, in levels. devalue encodes and decodes
 * recursively, and on some JIT states it can encode a value thousands of levels deep that it
 * then cannot decode: refusing such values at `set()` keeps every stored session readable.
 */
export const MAX_NESTING_DEPTH = 512

/** Why a value was refused before it was encoded. */
export type ValueRefusal = { reason: 'depth' } | { reason: 'size'; atLeast: number }

const TYPED_ARRAY = Object.getPrototypeOf(Uint8Array)

/**
 * Walks a value in the order devalue encodes it (depth first, children in order, a shared
 * reference counted where it is first reached) and refuses it, before any encoding, when it is
 * nested deeper than `MAX_NESTING_DEPTH` or when its encoding would certainly exceed `budget`
 * characters. Each thing visited adds at least one character to the encoding, so the walk
 * costs no more than the encoding it saves: a sparse array is walked by its entries, never by
 * its length, and a typed array or buffer by its byte length, never by its bytes.
 */
export function checkValueBudget(value: unknown, budget: number): ValueRefusal | undefined {
  let spent = 0
  const seen = new Set<object>()
  const over = (): ValueRefusal => ({ reason: 'size', atLeast: spent })

  function visit(item: unknown, depth: number): ValueRefusal | undefined {
    spent += typeof item === 'string' ? item.length + 2 : 1
    if (spent > budget) return over()
    if (typeof item !== 'object' || item === null || seen.has(item)) return undefined
    if (depth > MAX_NESTING_DEPTH) return { reason: 'depth' }
    seen.add(item)
    if (item instanceof TYPED_ARRAY || item instanceof ArrayBuffer) {
      // base64 in the encoding: four characters per three bytes.
      spent += Math.ceil(((item as ArrayBufferLike | ArrayBufferView).byteLength * 4) / 3)
      return spent > budget ? over() : undefined
    }
    for (const child of childrenOf(item)) {
      const refusal = visit(child, depth + 1)
      if (refusal !== undefined) return refusal
    }
    return undefined
  }

  function* childrenOf(item: object): Iterable<unknown> {
    if (Array.isArray(item)) {
      // Dense: by index. Sparse (fewer entries than slots): by its own index keys, which
      // costs what the array holds, not what its length claims.
      if (item.length <= budget - spent) {
        for (let i = 0; i < item.length; i++) if (Object.hasOwn(item, i)) yield item[i]
      } else {
        for (const key of Object.keys(item)) {
          spent += key.length
          if (spent > budget) return
          yield item[Number(key)]
        }
      }
      return
    }
    if (item instanceof Map) {
      for (const [key, entry] of item) {
        yield key
        yield entry
      }
      return
    }
    if (item instanceof Set) {
      yield* item
      return
    }
    const prototype = Object.getPrototypeOf(item)
    // Dates, RegExps, boxed primitives and class instances are leaves (or refused by the codec).
    if (prototype !== Object.prototype && prototype !== null) return
    for (const key of Object.keys(item)) {
      spent += key.length + 3
      if (spent > budget) return
      yield (item as Record<string, unknown>)[key]
    }
  }

  return visit(value, 1) ?? (spent > budget ? over() : undefined)
}

import { parse, stringify } from 'devalue'

/** Turns one attribute value into the string a store keeps, and back. */
export interface SessionCodec {
  /** Throws when the value cannot be represented. */
  encode(value: unknown): string
  /** Throws when the text is not something `encode` produced. */
  decode(text: string): unknown
}

/**
 * Deepest nesting the default codec accepts, in levels. devalue decodes recursively, and on
 * some JIT states it can encode a value thousands of levels deep that it then cannot decode:
 * refusing such values at `set()` keeps every stored session readable.
 */
export const MAX_NESTING_DEPTH = 512

function assertNestingDepth(value: unknown): void {
  if (typeof value !== 'object' || value === null) return
  const pending: Array<[unknown, number]> = [[value, 1]]
  const seen = new Set<object>()
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const [item, depth] = next
    if (typeof item !== 'object' || item === null || seen.has(item)) continue
    if (depth > MAX_NESTING_DEPTH)
      throw new RangeError(`value is nested deeper than ${MAX_NESTING_DEPTH} levels`)
    seen.add(item)
    const children =
      item instanceof Map
        ? [...item].flat()
        : item instanceof Set || Array.isArray(item)
          ? [...item]
          : Object.values(item)
    for (const child of children) pending.push([child, depth + 1])
  }
}

/**
 * The default codec: devalue. It preserves Date, Map, Set, BigInt, RegExp, typed arrays,
 * `undefined`, NaN/-0, repeated references and cycles, and refuses objects with a `__proto__`
 * key in both directions, so decoding cannot reach `Object.prototype`. Values nested deeper
 * than `MAX_NESTING_DEPTH` are refused. Chosen over superjson by measurement: 1.7–2.6× faster
 * round trips and 25–30% smaller output on session-shaped values.
 */
export const devalueCodec: SessionCodec = {
  encode: (value) => {
    assertNestingDepth(value)
    return stringify(value)
  },
  decode: (text) => parse(text),
}

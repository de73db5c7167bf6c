/*
 * devalue's text for the values sessions hold most (finite numbers, booleans, null and strings of
 * plain characters), written and read without devalue. The text is devalue's own, character for
 * character (a test compares them over generated values, so a devalue upgrade that changed its
 * output would fail it), so stores and older processes read it as before. Measured on Node 20 per
 * call: devalue's stringify of a short string 0.98 µs and of a number 0.24 µs, its parse 0.50 and
 * 0.35 µs; these paths a tenth of that. Anything else goes to devalue.
 */

/** What `primitiveOf` answers for text it leaves to devalue. */
export const NOT_PRIMITIVE: unique symbol = Symbol('fly-session.not-primitive')

/**
 * True when devalue writes every character of `text` as itself: none of the characters it
 * escapes (`"`, `<`, `\`, controls, U+2028/U+2029), and no surrogates (lone ones get escaped).
 */
function isPlain(text: string, from: number, to: number): boolean {
  for (let index = from; index < to; index++) {
    const unit = text.charCodeAt(index)
    if (unit < 0x20 || unit === 0x22 || unit === 0x3c || unit === 0x5c) return false
    if (unit >= 0x2028 && (unit <= 0x2029 || (unit >= 0xd800 && unit <= 0xdfff))) return false
  }
  return true
}

/** A number as JSON writes it (devalue's text holds JSON numbers). */
const JSON_NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/

/** devalue's text for `value` when it is one of the fast cases, else `undefined`. */
export function primitiveText(value: unknown): string | undefined {
  switch (typeof value) {
    case 'string':
      return isPlain(value, 0, value.length) ? `["${value}"]` : undefined
    case 'number':
      // devalue writes NaN, ±Infinity and -0 as codes of their own.
      return Number.isFinite(value) && !Object.is(value, -0) ? `[${value}]` : undefined
    case 'boolean':
      return value ? '[true]' : '[false]'
    default:
      return value === null ? '[null]' : undefined
  }
}

/** The value devalue would read from `text` when it is one of the fast cases, else `NOT_PRIMITIVE`. */
export function primitiveOf(text: string): unknown {
  const last = text.length - 1
  if (last < 2 || text.charCodeAt(0) !== 0x5b || text.charCodeAt(last) !== 0x5d) return NOT_PRIMITIVE
  if (text.charCodeAt(1) === 0x22) {
    // `["…"]` with every character plain: nothing escaped, and no quote ending the string early.
    return last >= 3 && text.charCodeAt(last - 1) === 0x22 && isPlain(text, 2, last - 1)
      ? text.slice(2, last - 1)
      : NOT_PRIMITIVE
  }
  const inner = text.slice(1, last)
  if (inner === 'true') return true
  if (inner === 'false') return false
  if (inner === 'null') return null
  return JSON_NUMBER.test(inner) ? Number(inner) : NOT_PRIMITIVE
}

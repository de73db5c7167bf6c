import { parse, stringify } from 'devalue'
import { describe, expect, it } from 'vitest'

import { devalueCodec } from '../src/codec'
import { NOT_PRIMITIVE, primitiveOf, primitiveText } from '../src/primitive-text'

/** A small deterministic generator (mulberry32), so a failure names a reproducible case. */
function generator(seed: number) {
  let state = seed
  return () => {
    state = (state + 0x6d2b79f5) | 0
    let t = Math.imul(state ^ (state >>> 15), 1 | state)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

// Every kind of code unit devalue treats differently: plain ASCII, each character it escapes,
// controls, U+2028/U+2029, other BMP text, both halves of a surrogate pair and lone ones.
const UNITS = [
  ..."abcXYZ019 _-./:;=>?@[]{}~'`!#$%&()*+,",
  '"',
  '<',
  '\\',
  '\n',
  '\r',
  '\t',
  '\b',
  '\f',
  '\u0000',
  '\u001f',
  '\u007f',
  '\u2028',
  '\u2029',
  'é',
  '中',
  '\uffff',
  '\ud83d',
  '\ude00',
]

function strings(count: number): string[] {
  const random = generator(1)
  const found = ['', 'user-42', '😀', '\ud83d\ude00x', 'a"b']
  for (let index = 0; index < count; index++) {
    const length = Math.floor(random() * 12)
    let text = ''
    for (let unit = 0; unit < length; unit++) text += UNITS[Math.floor(random() * UNITS.length)]
    found.push(text)
  }
  return found
}

function numbers(count: number): number[] {
  const random = generator(2)
  const found = [0, -0, 1, -1, 0.1, 1e21, 1e-7, 5e-324, Number.MAX_VALUE, -Number.MAX_SAFE_INTEGER, NaN]
  found.push(Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY)
  for (let index = 0; index < count; index++) {
    found.push(Math.floor(random() * 1e6), (random() - 0.5) * 10 ** Math.floor(random() * 40 - 20))
  }
  return found
}

const values: unknown[] = [...strings(3000), ...numbers(1000), true, false, null, undefined]

describe('primitive text', () => {
  it('is exactly devalue’s text whenever it answers, and answers for plain strings and finite numbers', () => {
    let answered = 0
    for (const value of values) {
      const text = primitiveText(value)
      if (text === undefined) continue
      answered++
      expect({ value, text }).toEqual({ value, text: stringify(value) })
    }
    expect(primitiveText('user-42')).toBe('["user-42"]')
    expect(primitiveText(1e21)).toBe('[1e+21]')
    expect(primitiveText(-0)).toBeUndefined()
    expect(primitiveText('a<b')).toBeUndefined()
    expect(answered).toBeGreaterThan(1000)
  })

  it('reads what devalue reads from devalue’s text, or leaves it to devalue', () => {
    let answered = 0
    const objects = [{ a: 1 }, [1, 2], ['a'], new Date(0), new Map([[1, 'x']]), 2n ** 70n]
    for (const value of [...values, ...objects]) {
      const text = stringify(value)
      const read = primitiveOf(text)
      if (read === NOT_PRIMITIVE) continue
      answered++
      expect({ text, read: Object.is(read, parse(text)) }).toEqual({ text, read: true })
    }
    expect(answered).toBeGreaterThan(1000)
  })

  it('never reads text devalue refuses, and reads malformed text as devalue does', () => {
    const texts = [
      '["a\nb"]',
      '["a\\"b"]',
      '["a"b"]',
      '["a","b"]',
      '[01]',
      '[1,2]',
      '[-]',
      '[1e]',
      '[ 1]',
      '[.5]',
      '[+1]',
      '[]',
      '["]',
      '[""',
      '[true ]',
      '[nul]',
      '-1',
      '1',
      '["\ud800"]',
      '[-0]',
      '[1e400]',
    ]
    for (const text of texts) {
      const read = primitiveOf(text)
      let expected: { value: unknown } | 'throws'
      try {
        expected = { value: parse(text) }
      } catch {
        expected = 'throws'
      }
      if (expected === 'throws') expect({ text, read }).toEqual({ text, read: NOT_PRIMITIVE })
      else if (read !== NOT_PRIMITIVE)
        expect({ text, same: Object.is(read, expected.value) }).toEqual({ text, same: true })
    }
  })

  it('leaves the codec’s round trip unchanged', () => {
    for (const value of values) {
      const back = devalueCodec.decode(devalueCodec.encode(value))
      expect({ value, same: Object.is(back, value) }).toEqual({ value, same: true })
    }
    const nested = { nested: ['a', 1, { at: new Date(0) }] }
    expect(devalueCodec.decode(devalueCodec.encode(nested))).toEqual(nested)
  })
})

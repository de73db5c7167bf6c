import {
  createSessionManager,
  devalueCodec,
  type HttpSession,
  SessionError,
  SessionTooLargeError,
} from '@fly-session/core'
import { driveRequest } from '@fly-session/core/testing'
import { MemoryStore } from '@fly-session/store-memory'
import fc from 'fast-check'
import { afterAll, describe, expect, it } from 'vitest'

import { fuzzRuns } from './support/fuzz-runs'
import { prototypeChanges, prototypeFingerprint } from './support/prototype-guard'
import { report } from './support/report'
import { sameValue, unrepresentableReason } from './support/representable'
import { SECRET } from './support/secrets'
import { attributeName, attributeValue, nested, nestingDepth } from './support/value-arbitraries'
import { cookieValueIn, idOf, storeKeyOf } from './support/wire'

// Arbitrary attribute names and values through `session.set` → codec → store → `get`.

type Attrs = Record<string, unknown>
const prototypesBefore = prototypeFingerprint()
const casesRun: Record<string, number> = {}
const outcomes: Record<string, number> = {}
const stores: MemoryStore[] = []

function counted(table: Record<string, number>, name: string): void {
  table[name] = (table[name] ?? 0) + 1
}

function setup(maxSize?: number) {
  const store = new MemoryStore()
  stores.push(store)
  const manager = createSessionManager({ store, secret: SECRET, ...(maxSize ? { maxSize } : {}) })
  const request = <R>(cookie: string | undefined, handler: (s: ReturnType<typeof asAttrs>) => R) =>
    driveRequest(manager, cookie, (session) => handler(asAttrs(session)))
  return { store, request }
}

/** The session with string-keyed attributes, as an untyped handler sees it. */
function asAttrs(session: HttpSession) {
  return session as unknown as {
    get(name: string): unknown
    set(name: string, value: unknown): void
    remove(name: string): void
    has(name: string): boolean
    keys(): string[]
  }
}

function isWellFormed(text: string): boolean {
  return (text as unknown as { isWellFormed(): boolean }).isWellFormed()
}

function bytes(name: string, value: unknown): number {
  return Buffer.byteLength(name) + Buffer.byteLength(devalueCodec.encode(value))
}

/** A stored session holding `seed`, and the Cookie header that names it. */
async function seeded(request: ReturnType<typeof setup>['request'], seed: Attrs) {
  const { setCookie } = await request(undefined, (s) => {
    for (const [name, value] of Object.entries(seed)) s.set(name, value)
  })
  const value = cookieValueIn(setCookie)!
  return { cookie: `sid=${value}`, key: storeKeyOf(idOf(value)) }
}

afterAll(async () => {
  report('hostile-attributes', {
    casesRun,
    outcomes,
    total: Object.values(casesRun).reduce((a, b) => a + b, 0),
  })
  await Promise.all(stores.map((store) => store.dispose()))
})

describe('hostile attribute names and values through the codec', () => {
  it('stores any representable value under any name and refuses the rest, writing nothing', async () => {
    const { store, request } = setup()
    await fc.assert(
      fc.asyncProperty(attributeName, attributeValue, async (name, value) => {
        counted(casesRun, 'setAndRead')
        const { cookie, key } = await seeded(request, { keep: 'me' })
        const storedBefore = (await store.get(key))!.attributes
        const reason = unrepresentableReason(value)
        let refused: unknown
        await request(cookie, (s) => {
          try {
            s.set(name, value)
          } catch (error) {
            refused = error
            // Nothing partly written, in memory either.
            expect(s.keys()).toEqual(['keep'])
            expect(s.has(name)).toBe(name === 'keep')
          }
        })
        if (refused !== undefined) {
          expect(refused).toBeInstanceOf(SessionError)
          const code = (refused as SessionError).code
          counted(outcomes, code)
          if (!isWellFormed(name)) {
            // A name no UTF-8 store could keep exactly is refused whatever the value.
            counted(outcomes, 'nameNotWellFormed')
            expect(code).toBe('UNSERIALIZABLE')
            expect((refused as Error).message).toMatch(/not well-formed/)
            expect((await store.get(key))!.attributes).toEqual(storedBefore)
            return
          }
          if (code === 'SESSION_TOO_LARGE') expect(reason).toBeUndefined()
          else expect(code).toBe('UNSERIALIZABLE')
          // A storable shape is refused only when it nests deeper than the encoder's stack allows.
          if (reason === undefined && code === 'UNSERIALIZABLE') {
            counted(outcomes, 'tooDeep')
            expect((refused as Error).message).toMatch(/nested deeper than 512 levels/)
          }
          expect((refused as Error).message).toMatch(/^\[fly-session\] /)
          expect((await store.get(key))!.attributes).toEqual(storedBefore)
          return
        }
        counted(outcomes, 'stored')
        expect(reason).toBeUndefined()
        expect(isWellFormed(name)).toBe(true)
        const { result } = await request(cookie, (s) => ({ value: s.get(name), keep: s.get('keep') }))
        expect(sameValue(result.value, value)).toBe(true)
        expect(result.keep).toBe('me')
      }),
      fuzzRuns(10_000),
    )
  })

  it('stores deeply nested values whole, or refuses them with UNSERIALIZABLE when too deep to encode', async () => {
    const { request } = setup()
    const deepest = { stored: 0, refused: Number.POSITIVE_INFINITY }
    // The depth is generated and the value built here, so a counterexample prints as a number.
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.integer({ min: 1, max: 2_500 }), fc.integer({ min: 2_500, max: 30_000 })),
        fc.boolean(),
        async (depth, asArray) => {
          counted(casesRun, 'deepNesting')
          const value = nested(depth, asArray)
          let refused: unknown
          const { setCookie } = await request(undefined, (s) => {
            try {
              s.set('deep', value)
            } catch (error) {
              refused = error
            }
          })
          if (refused !== undefined) {
            expect(refused).toMatchObject({
              code: 'UNSERIALIZABLE',
              message: expect.stringMatching(/nested deeper/),
            })
            expect(setCookie).toBeUndefined()
            deepest.refused = Math.min(deepest.refused, depth)
            return
          }
          const { result } = await request(`sid=${cookieValueIn(setCookie)}`, (s) =>
            nestingDepth(s.get('deep')),
          )
          expect(result).toBe(depth)
          deepest.stored = Math.max(deepest.stored, depth)
        },
      ),
      { numRuns: 60 },
    )
    expect(deepest.stored).toBeLessThan(deepest.refused)
    report('hostile-attributes', { deepestStored: deepest.stored, shallowestRefused: deepest.refused })
  })

  it('refuses every value that cannot be stored faithfully with UNSERIALIZABLE', async () => {
    const { request } = setup()
    const values = fc
      .sample(attributeValue, { numRuns: 400, seed: 7 })
      .filter((v) => unrepresentableReason(v))
    expect(values.length).toBeGreaterThan(20)
    for (const value of values) {
      counted(casesRun, 'unrepresentable')
      await request(undefined, (s) => {
        expect(() => s.set('x', value)).toThrow(expect.objectContaining({ code: 'UNSERIALIZABLE' }))
      })
    }
  })

  it('holds every session within maxSize across requests, refusing exactly the sets that would exceed it', async () => {
    const maxSize = 1024
    const { store, request } = setup(maxSize)
    const op = fc.oneof(
      fc.record({
        kind: fc.constant('set' as const),
        name: fc.constantFrom('a', 'b', 'c', '__proto__', 'constructor', 'ü'),
        value: fc.string({ unit: 'binary', maxLength: 500, size: 'max' }),
      }),
      fc.record({ kind: fc.constant('remove' as const), name: fc.constantFrom('a', 'b', '__proto__') }),
      fc.record({ kind: fc.constant('commit' as const) }),
    )
    await fc.assert(
      fc.asyncProperty(fc.array(op, { maxLength: 30 }), async (ops) => {
        counted(casesRun, 'maxSizeSequences')
        const { cookie, key } = await seeded(request, { seed: '' })
        const model = new Map<string, unknown>([['seed', '']])
        const size = () => [...model].reduce((total, [n, v]) => total + bytes(n, v), 0)
        const batches: Array<typeof ops> = [[]]
        for (const o of ops) {
          if (o.kind === 'commit') batches.push([])
          else batches.at(-1)!.push(o)
        }
        for (const batch of batches) {
          await request(cookie, (s) => {
            for (const o of batch) {
              if (o.kind === 'remove') {
                s.remove(o.name)
                model.delete(o.name)
                continue
              }
              if (o.kind !== 'set') continue
              const would =
                size() - (model.has(o.name) ? bytes(o.name, model.get(o.name)) : 0) + bytes(o.name, o.value)
              if (would > maxSize) {
                counted(outcomes, 'tooLargeRefused')
                expect(() => s.set(o.name, o.value)).toThrow(SessionTooLargeError)
              } else {
                s.set(o.name, o.value)
                model.set(o.name, o.value)
              }
            }
          })
          const stored = (await store.get(key))!.attributes
          const storedBytes = Object.entries(stored).reduce(
            (total, [n, text]) => total + Buffer.byteLength(n) + Buffer.byteLength(text),
            0,
          )
          expect(storedBytes).toBeLessThanOrEqual(maxSize)
          expect(storedBytes).toBe(size())
        }
        const { result } = await request(cookie, (s) =>
          Object.fromEntries(s.keys().map((n) => [n, s.get(n)])),
        )
        expect(new Map(Object.entries(result))).toEqual(model)
      }),
      fuzzRuns(3_000),
    )
  })

  it('turns any stored text the codec did not write into UNDECODABLE, never a polluted prototype', async () => {
    const { store, request } = setup()
    const { cookie, key } = await seeded(request, { keep: 'me' })
    const record = (await store.get(key))!
    const crafted = fc.constantFrom(
      '[{"__proto__":1},{"polluted":2},true]',
      '[{"constructor":1},{"prototype":2},{"polluted":3},true]',
      '[["Object",1],{"polluted":true}]',
      '[["Map",1,2],"__proto__",{"polluted":true}]',
      '[["null","__proto__",1],{"polluted":true}]',
      '[["Reviver"],1]',
      '[-7]',
      '[[0]]',
    )
    const devalueLike = fc
      .array(
        fc.oneof(fc.jsonValue(), fc.constantFrom('__proto__', 'constructor', 'prototype', 'Map', 'Set')),
        {
          maxLength: 8,
        },
      )
      .map((parts) => JSON.stringify(parts))
    const text = fc.oneof(crafted, devalueLike, fc.string({ unit: 'binary', maxLength: 200 }), fc.json())
    await fc.assert(
      fc.asyncProperty(attributeName, text, async (name, value) => {
        counted(casesRun, 'foreignText')
        const attributes = Object.fromEntries([
          ['keep', record.attributes.keep!],
          [name, value],
        ])
        await store.set(key, { ...record, attributes }, 60)
        await request(cookie, (s) => {
          try {
            s.get(name)
            counted(outcomes, 'foreignTextDecoded')
          } catch (error) {
            counted(outcomes, 'foreignTextUndecodable')
            expect(error).toBeInstanceOf(SessionError)
            expect((error as SessionError).code).toBe('UNDECODABLE')
          }
          expect(s.get('keep')).toBe('me')
        })
        expect(({} as { polluted?: unknown }).polluted).toBeUndefined()
      }),
      fuzzRuns(9_000),
    )
  })

  it('leaves the built-in prototypes untouched after everything', () => {
    expect(prototypeChanges(prototypesBefore, prototypeFingerprint())).toEqual([])
  })
})

import { describe, expect, it } from 'vitest'

import { MAX_NESTING_DEPTH, SessionError, SessionTooLargeError, trackMutations } from '../src'
import { request, setup } from './support/requests'
import './support/session-data'

describe('attributes', () => {
  it('round-trips Date, Map, Set, BigInt, undefined and nested objects through the store', async () => {
    const { manager } = setup()
    const since = new Date('2024-01-02T03:04:05Z')
    const value = {
      nested: {
        when: since,
        tags: new Set(['a']),
        big: 2n ** 70n,
        nothing: undefined,
        list: [1, [2, { deep: true }]],
      },
    }
    const { cookie } = await request(manager, undefined, (s) => {
      s.set('note', value)
      s.set('cart', new Map([['sku-1', 2]]))
    })
    const { session } = await request(manager, cookie)
    expect(session.get('note')).toEqual(value)
    const note = session.get('note') as typeof value
    expect(note.nested.when).toBeInstanceOf(Date)
    expect('nothing' in note.nested).toBe(true)
    expect(session.get('cart')).toEqual(new Map([['sku-1', 2]]))
  })

  it('stores a snapshot: mutating the object after set() changes nothing stored', async () => {
    const { manager } = setup()
    const user = { name: 'Ada', roles: ['admin'], since: new Date(0) }
    const { cookie } = await request(manager, undefined, (s) => {
      s.set('user', user)
      user.roles.push('root')
      expect(s.get('user')?.roles).toEqual(['admin'])
    })
    expect((await request(manager, cookie)).session.get('user')?.roles).toEqual(['admin'])
  })

  it('tracks has, keys and remove, and a removal reaches the store', async () => {
    const { manager } = setup()
    const { cookie } = await request(manager, undefined, (s) => {
      s.set('views', 1)
      s.set('blob', 'b')
    })
    await request(manager, cookie, (s) => {
      expect(s.keys().sort()).toEqual(['blob', 'views'])
      s.remove('blob')
      s.remove('note')
      expect(s.has('blob')).toBe(false)
      expect(s.modified).toBe(true)
    })
    const { session } = await request(manager, cookie)
    expect(session.keys()).toEqual(['views'])
  })

  it('is not modified by reads', async () => {
    const { manager } = setup()
    const { cookie } = await request(manager, undefined, (s) => s.set('views', 1))
    const { session } = await request(manager, cookie, (s) => {
      s.get('views')
      s.has('views')
      s.keys()
    })
    expect(session.modified).toBe(false)
  })

  it('refuses an unserializable value with a clear error and keeps the old value', async () => {
    const { manager } = setup()
    await request(manager, undefined, (s) => {
      s.set('note', 1)
      const error = (() => {
        try {
          s.set('note', { fn() {} })
        } catch (e) {
          return e
        }
      })()
      expect(error).toBeInstanceOf(SessionError)
      expect(error).toMatchObject({ code: 'UNSERIALIZABLE' })
      expect((error as Error).message).toMatch(/^\[fly-session\] attribute "note" cannot be stored/)
      expect(s.get('note')).toBe(1)
    })
  })

  it('refuses a value with a __proto__ key and leaves Object.prototype alone', async () => {
    const { manager } = setup()
    await request(manager, undefined, (s) => {
      expect(() => s.set('note', JSON.parse('{"__proto__":{"polluted":true}}'))).toThrow(/cannot be stored/)
    })
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })

  it('refuses a value nested deeper than it could decode, so a stored session always reads back', async () => {
    const { manager } = setup()
    const nest = (levels: number) => {
      let value: unknown = 'leaf'
      for (let i = 0; i < levels; i++) value = [value]
      return value
    }
    const { cookie } = await request(manager, undefined, (s) => {
      s.set('note', nest(MAX_NESTING_DEPTH - 1))
      expect(() => s.set('blob', nest(5000) as string)).toThrow(
        expect.objectContaining({ code: 'UNSERIALIZABLE' }),
      )
    })
    const { session } = await request(manager, cookie)
    expect(session.get('note')).toEqual(nest(MAX_NESTING_DEPTH - 1))
    expect(session.has('blob')).toBe(false)
  })

  it('keeps an attribute named __proto__ as data', async () => {
    const { manager } = setup()
    const { cookie } = await request(manager, undefined, (s) =>
      (s as never as { set(n: string, v: unknown): void }).set('__proto__', 5),
    )
    const { session } = await request(manager, cookie)
    expect(session.keys()).toEqual(['__proto__'])
    expect((session as never as { get(n: string): unknown }).get('__proto__')).toBe(5)
    expect(Object.getPrototypeOf({})).toBe(Object.prototype)
  })

  it('decodes lazily and reports an undecodable stored value as UNDECODABLE', async () => {
    const { manager, store } = setup()
    const { cookie } = await request(manager, undefined, (s) => s.set('views', 1))
    const record = [...store.records.values()][0]!.session
    record.attributes.views = 'not devalue'
    await request(manager, cookie, (s) => {
      expect(s.has('views')).toBe(true)
      expect(() => s.get('views')).toThrow(expect.objectContaining({ code: 'UNDECODABLE' }))
    })
  })
})

describe('maxSize', () => {
  it('refuses a set that would pass maxSize, changes nothing and writes nothing', async () => {
    const { manager, store } = setup({ maxSize: 100 })
    const { cookie } = await request(manager, undefined, (s) => s.set('blob', 'x'.repeat(50)))
    store.reset()
    await request(manager, cookie, (s) => {
      const error = (() => {
        try {
          s.set('note', 'y'.repeat(60))
        } catch (e) {
          return e
        }
      })() as SessionTooLargeError
      expect(error).toBeInstanceOf(SessionTooLargeError)
      expect(error).toMatchObject({ code: 'SESSION_TOO_LARGE', maxSize: 100 })
      expect(s.has('note')).toBe(false)
      expect(s.modified).toBe(false)
    })
    expect(store.methods()).toEqual(['get'])
  })

  it('counts UTF-8 bytes of names and encoded values, and frees space on remove and replace', async () => {
    const { manager } = setup({ maxSize: 40 })
    await request(manager, undefined, (s) => {
      // "blob" (4 bytes) + '["ééééé"]' (14 bytes) = 18
      s.set('blob', 'ééééé')
      s.set('note', 'ééééé')
      expect(() => s.set('views', 1)).toThrow(SessionTooLargeError)
      s.remove('note')
      s.set('views', 1)
      s.set('blob', 'éééé')
      expect(s.keys().sort()).toEqual(['blob', 'views'])
    })
  })
})

describe('invalidate, regenerate and principal', () => {
  it('hides all data after invalidate() and refuses further writes', async () => {
    const { manager } = setup()
    const { cookie } = await request(manager, undefined, (s) => {
      s.set('views', 1)
      s.principal = 'ada'
    })
    await request(manager, cookie, (s) => {
      s.invalidate()
      expect(s.invalidated).toBe(true)
      expect(s.get('views')).toBeUndefined()
      expect(s.keys()).toEqual([])
      expect(s.principal).toBeUndefined()
      expect(() => s.set('views', 2)).toThrow(/invalidated session/)
    })
  })

  it('keeps data and createdAt across regenerate()', async () => {
    const { manager } = setup()
    const first = await request(manager, undefined, (s) => s.set('views', 3))
    const second = await request(manager, first.cookie, (s) => s.regenerate())
    const { session } = await request(manager, second.cookie)
    expect(session.get('views')).toBe(3)
    expect(session.createdAt).toBe(first.session.createdAt)
  })

  it('only gives a new ID to a new session that regenerates (nothing old to destroy)', async () => {
    const { manager, store } = setup()
    await request(manager, undefined, (s) => {
      s.regenerate()
      s.set('views', 1)
    })
    expect(store.methods()).toEqual(['set'])
  })

  it('destroys the stored session when a regenerated session is invalidated in the same request', async () => {
    const { manager, store } = setup()
    const { cookie } = await request(manager, undefined, (s) => s.set('views', 1))
    await request(manager, cookie, (s) => {
      s.regenerate()
      s.invalidate()
    })
    expect(store.records.size).toBe(0)
  })

  it('sets, changes and clears the principal, and refuses an empty one', async () => {
    const { manager, store } = setup()
    const { cookie } = await request(manager, undefined, (s) => {
      s.principal = 'ada'
      expect(s.modified).toBe(true)
    })
    expect([...store.records.values()][0]!.session.principal).toBe('ada')
    await request(manager, cookie, (s) => {
      expect(s.principal).toBe('ada')
      expect(() => {
        s.principal = ''
      }).toThrow(/non-empty string/)
      s.principal = undefined
    })
    expect([...store.records.values()][0]!.session.principal).toBeUndefined()
  })
})

describe('trackMutations', () => {
  it('writes a value read with get() and changed in place, and leaves the others alone', async () => {
    const { manager, store } = setup()
    const { cookie } = await request(manager, undefined, (s) => {
      s.set('user', { name: 'Ada', roles: ['admin'], since: new Date(0) })
      s.set('views', 1)
    })
    await request(manager, cookie, (s) => {
      trackMutations(s)
      s.get('user')?.roles.push('root')
      expect(s.get('views')).toBe(1)
    })
    expect((await request(manager, cookie)).session.get('user')?.roles).toEqual(['admin', 'root'])
    store.calls.length = 0
    await request(manager, cookie, (s) => {
      trackMutations(s)
      s.get('user')
    })
    expect(store.calls.map((call) => call.method)).toEqual(['get'])
  })

  it('keeps an object passed to set() by reference: get() returns it, later changes are written', async () => {
    const { manager } = setup()
    const user = { name: 'Ada', roles: ['admin'], since: new Date(0) }
    const { cookie } = await request(manager, undefined, (s) => {
      trackMutations(s)
      s.set('user', user)
      expect(s.get('user')).toBe(user)
      user.roles.push('root')
    })
    expect((await request(manager, cookie)).session.get('user')?.roles).toEqual(['admin', 'root'])
  })
})

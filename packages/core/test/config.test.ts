import { describe, expect, it } from 'vitest'

import {
  createSessionManager,
  DEFAULT_ABSOLUTE_TIMEOUT,
  DEFAULT_IDLE_TIMEOUT,
  DEFAULT_MAX_SIZE,
  DEFAULT_TOUCH_INTERVAL,
  isSessionManager,
  SessionConfigError,
  type SessionOptions,
  toSessionManager,
} from '../src'
import { LoggedStore } from './support/logged-store'
import { request, SECRET, setup } from './support/requests'
import './support/session-data'

function configError(options: Partial<SessionOptions>): SessionConfigError {
  try {
    createSessionManager({ store: new LoggedStore(), secret: SECRET, ...options } as SessionOptions)
  } catch (error) {
    expect(error).toBeInstanceOf(SessionConfigError)
    expect(error).toMatchObject({ code: 'INVALID_CONFIG' })
    expect((error as Error).message.startsWith('[fly-session] ')).toBe(true)
    return error as SessionConfigError
  }
  throw new Error('expected a SessionConfigError')
}

describe('touchInterval derived from idleTimeout', () => {
  it.each([
    [60, 30],
    [1, 0.5],
    [1800, 60],
    [100, 50],
  ])(
    'accepts idleTimeout %d without a touchInterval and refreshes every %d s',
    async (idleTimeout, touch) => {
      const { manager, store } = setup({ idleTimeout })
      const { cookie } = await request(manager, undefined, (s) => s.set('views', 1))
      store.reset()
      await request(manager, cookie)
      // Inside the derived interval: no write.
      expect(store.methods()).toEqual(['get'])
      expect(touch).toBeLessThan(idleTimeout)
    },
  )

  it('still refuses an explicit touchInterval that is not below idleTimeout', () => {
    expect(() => setup({ idleTimeout: 60, touchInterval: 60 })).toThrow(/must be below idleTimeout/)
  })
})

describe('option validation at start-up', () => {
  it.each([
    ['a secret under 32 characters', { secret: 'x'.repeat(31) }, /at least 32 characters/],
    ['a short secret among rotated ones', { secret: [SECRET, 'short'] }, /at least 32 characters/],
    ['an empty secret list', { secret: [] }, /non-empty array/],
    [
      'a __Host- cookie with a domain',
      { cookie: { name: '__Host-sid', domain: 'example.com' } },
      /must not have a domain/,
    ],
    [
      'a __Host- cookie that is not secure',
      { cookie: { name: '__Host-sid', secure: false } },
      /__Host- cookie must be secure/,
    ],
    ['a __Host- cookie with another path', { cookie: { name: '__Host-sid', path: '/app' } }, /path '\/'/],
    [
      'a __Secure- cookie that is not secure',
      { cookie: { name: '__Secure-sid', secure: false } },
      /__Secure- cookie must be secure/,
    ],
    ["sameSite 'none' without secure", { cookie: { sameSite: 'none', secure: false } }, /requires secure/],
    ['an unknown sameSite', { cookie: { sameSite: 'lenient' as 'lax' } }, /cookie.sameSite must be one of/],
    ['an unknown priority', { cookie: { priority: 'urgent' as 'high' } }, /cookie.priority must be one of/],
    [
      'a partitioned cookie that is not secure',
      { cookie: { partitioned: true, secure: false } },
      /partitioned cookie must be secure/,
    ],
    ['an invalid cookie name', { cookie: { name: 'bad name;' } }, /invalid cookie option/],
    ['a zero idleTimeout', { idleTimeout: 0 }, /idleTimeout must be a positive number of seconds/],
    ['a negative absoluteTimeout', { absoluteTimeout: -5 }, /absoluteTimeout must be a positive/],
    ['a non-finite idleTimeout', { idleTimeout: Number.POSITIVE_INFINITY }, /idleTimeout/],
    ['a negative touchInterval', { touchInterval: -1 }, /touchInterval must be a non-negative/],
    [
      'an idleTimeout above absoluteTimeout',
      { idleTimeout: 7200, absoluteTimeout: 3600 },
      /must not exceed absoluteTimeout/,
    ],
    [
      'an idleTimeout in milliseconds',
      { idleTimeout: 1_800_000, absoluteTimeout: 86_400_000 },
      /not milliseconds/,
    ],
    [
      "express-session's resave",
      { resave: false } as never,
      /unknown option resave: .*writes only what changed/,
    ],
    ["express-session's saveUninitialized", { saveUninitialized: false } as never, /saveUninitialized/],
    ["express-session's rolling", { rolling: true } as never, /use `touchInterval`/],
    ["express-session's genid", { genid: () => 'x' } as never, /genid/],
    ["express-session's name", { name: 'connect.sid' } as never, /use `cookie.name`/],
    ["koa-session's maxAge", { maxAge: 86_400_000 } as never, /use `idleTimeout`/],
    ["koa-session's key", { key: 'koa.sess' } as never, /use `cookie.name`/],
    ["koa-session's renew", { renew: true } as never, /touchInterval/],
    [
      "express-session's cookie.maxAge",
      { cookie: { maxAge: 60_000 } } as never,
      /unknown option cookie.maxAge/,
    ],
    ['a misspelt option', { idleTimout: 60 } as never, /unknown option idleTimout/],
    [
      'a touchInterval not below idleTimeout',
      { idleTimeout: 60, touchInterval: 60 },
      /must be below idleTimeout/,
    ],
    ['a fractional maxSize', { maxSize: 10.5 }, /maxSize must be a positive whole number/],
    ['an unknown onStoreError', { onStoreError: 'ignore' as 'fail' }, /onStoreError must be one of/],
    [
      'a store without destroy',
      { store: { get: async () => null, set: async () => {} } as never },
      /store must implement/,
    ],
    ['a codec without decode', { codec: { encode: String } as never }, /codec must have encode and decode/],
    ['a skip that is not a function', { skip: true as never }, /skip must be a function/],
  ])('refuses %s', (_, options, message) => {
    expect(configError(options as Partial<SessionOptions>).message).toMatch(message)
  })

  it('accepts a valid __Host- cookie', () => {
    expect(() => setup({ cookie: { name: '__Host-sid' } })).not.toThrow()
  })
})

describe('documented defaults are real', () => {
  it('uses the documented numbers', () => {
    expect([
      DEFAULT_IDLE_TIMEOUT,
      DEFAULT_ABSOLUTE_TIMEOUT,
      DEFAULT_TOUCH_INTERVAL,
      DEFAULT_MAX_SIZE,
    ]).toEqual([1800, 86_400, 60, 262_144])
  })

  it("issues 'sid' with Path=/, HttpOnly, Secure, SameSite=Lax and a Max-Age of idleTimeout", async () => {
    const { manager } = setup()
    const { setCookie } = await request(manager, undefined, (s) => s.set('views', 1))
    expect(setCookie).toMatch(/^sid=[^;]+; Max-Age=1800; Path=\/; HttpOnly; Secure; SameSite=Lax$/)
  })

  it('hashes IDs before they reach the store by default, and not with hashIds: false', async () => {
    const hashed = setup()
    const a = await request(hashed.manager, undefined, (s) => s.set('views', 1))
    expect(hashed.store.calls[0]!.key).not.toContain(a.session.id)
    expect(hashed.store.calls[0]!.key).toMatch(/^[A-Za-z0-9_-]{43}$/)
    const plain = setup({ hashIds: false })
    const b = await request(plain.manager, undefined, (s) => s.set('views', 1))
    expect(plain.store.calls[0]!.key).toBe(b.session.id)
  })

  it('refreshes an unmodified session at most every 60 s by default', async () => {
    const { manager, store } = setup()
    const { cookie } = await request(manager, undefined, (s) => s.set('views', 1))
    store.reset()
    for (let i = 0; i < 3; i++) await request(manager, cookie)
    expect(store.methods()).toEqual(['get', 'get', 'get'])
  })

  it('limits a session to 256 KiB of encoded attributes by default', async () => {
    const { manager } = setup()
    await request(manager, undefined, (s) => {
      s.set('blob', 'x'.repeat(200 * 1024))
      expect(() => s.set('note', 'y'.repeat(60 * 1024))).toThrow(/over maxSize 262144/)
    })
  })
})

describe('options that turn defaults off', () => {
  it('drops Secure and HttpOnly when asked (e.g. plain-http development behind no proxy)', async () => {
    const { manager } = setup({ cookie: { secure: false, httpOnly: false } })
    const { setCookie } = await request(manager, undefined, (s) => s.set('views', 1))
    expect(setCookie).toMatch(/^sid=[^;]+; Max-Age=1800; Path=\/; SameSite=Lax$/)
  })

  it('encodes attributes with a custom codec, both ways', async () => {
    const seen: string[] = []
    const codec = {
      encode: (value: unknown) => {
        seen.push('encode')
        return `json:${JSON.stringify(value)}`
      },
      decode: (text: string) => {
        seen.push('decode')
        return JSON.parse(text.slice('json:'.length))
      },
    }
    const { manager, store } = setup({ codec })
    const { cookie } = await request(manager, undefined, (s) => s.set('views', 3))
    expect([...store.records.values()][0]!.session.attributes).toEqual({ views: 'json:3' })
    expect((await request(manager, cookie)).session.get('views')).toBe(3)
    expect(seen).toEqual(['encode', 'decode'])
  })
})

describe('sharing one manager', () => {
  it('passes a manager through toSessionManager and builds one from options', () => {
    const { manager } = setup()
    expect(toSessionManager(manager)).toBe(manager)
    const built = toSessionManager({ store: new LoggedStore(), secret: SECRET })
    expect(isSessionManager(built)).toBe(true)
    expect(isSessionManager({ begin() {} })).toBe(false)
  })

  it('asks skip with the native request, and says false without a skip option', () => {
    const seen: unknown[] = []
    const { manager } = setup({
      skip: (req) => {
        seen.push(req)
        return (req as { url: string }).url === '/health'
      },
    })
    expect(manager.shouldSkip({ url: '/health' })).toBe(true)
    expect(manager.shouldSkip({ url: '/' })).toBe(false)
    expect(seen).toHaveLength(2)
    expect(setup().manager.shouldSkip({ url: '/health' })).toBe(false)
  })
})

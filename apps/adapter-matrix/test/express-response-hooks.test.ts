import { inspect } from 'node:util'
import type { SessionOptions } from '@fly-session/express'
import { session } from '@fly-session/express'
import { MemoryStore } from '@fly-session/store-memory'
import { listen } from '@fly-session/testkit/http'
import * as devalue from 'devalue'
import express, { type ErrorRequestHandler, type Express, type RequestHandler, type Response } from 'express'
import express4 from 'express4'
import { afterEach, describe, expect, it } from 'vitest'

declare global {
  namespace FlySession {
    interface SessionData {
      hits?: number
      name?: string
    }
  }
}

/*
 * The Node binding hooks Express responses on the prototype one Express copy's responses share
 * (own properties on a prototype-swapped response cost microseconds each; the binding is a
 * hidden property of res.locals). These cases are the
 * ways that could go wrong: a mounted app swapping prototypes, another library's own hooks,
 * responses without a session, streaming, and the fast path quietly falling back.
 */

const SECRET = 'response-hooks-secret-0123456789abcdef'
const closers: Array<() => Promise<void>> = []
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()))
})

async function serve(app: Express): Promise<string> {
  const server = await listen(app)
  closers.push(server.close)
  return server.url
}

function options(store = new MemoryStore()): SessionOptions {
  return { store, secret: SECRET, cookie: { secure: false } }
}

/** Counts a hit and answers with the count and whether `res` got hooks of its own. */
const countHit: RequestHandler = (req, res) => {
  req.session.set('hits', (req.session.get('hits') ?? 0) + 1)
  res.json({ hits: req.session.get('hits'), ownHooks: ownHooks(res) })
}

function ownHooks(res: Response): boolean {
  return Object.hasOwn(res, 'end') || Object.hasOwn(res, 'writeHead')
}

interface Hit {
  hits: number
  ownHooks: boolean
}

async function twoHits(url: string): Promise<Hit[]> {
  const first = await fetch(url)
  const cookie = first.headers.getSetCookie()[0]?.split(';')[0]
  expect(cookie).toMatch(/^sid=/)
  const second = await fetch(url, { headers: { cookie: cookie! } })
  return [(await first.json()) as Hit, (await second.json()) as Hit]
}

describe.each([
  ['Express 5', express],
  ['Express 4', express4 as unknown as typeof express],
])('%s responses', (_, createApp) => {
  it('are hooked without own hooks, and keep their writes', async () => {
    const app = createApp()
    app.use(session(options()))
    app.get('/', countHit)
    expect(await twoHits(`${await serve(app)}/`)).toEqual([
      { hits: 1, ownHooks: false },
      { hits: 2, ownHooks: false },
    ])
  })

  it('keep their session through an app mounted after the middleware (it swaps the prototype both ways)', async () => {
    const app = createApp()
    app.use(session(options()))
    const api = createApp()
    api.get('/count', countHit)
    app.use('/api', api)
    // The mounted app hands back to the parent, which answers after the prototype was swapped back.
    const admin = createApp()
    admin.use((_req, _res, next) => next())
    app.use('/admin', admin)
    app.get('/admin/count', countHit)
    const url = await serve(app)
    expect((await twoHits(`${url}/api/count`)).map((reply) => reply.hits)).toEqual([1, 2])
    expect((await twoHits(`${url}/admin/count`)).map((reply) => reply.hits)).toEqual([1, 2])
  })

  it('work inside a mounted app that has the middleware', async () => {
    const app = createApp()
    const api = createApp()
    api.use(session(options()))
    api.get('/count', countHit)
    app.use('/api', api)
    expect((await twoHits(`${await serve(app)}/api/count`)).map((reply) => reply.hits)).toEqual([1, 2])
  })

  it('fall back to own hooks under a library that hooked end() first, and still commit before it ends', async () => {
    const app = createApp()
    let endsSeen = 0
    app.use((_req, res, next) => {
      const end = res.end
      res.end = function countedEnd(this: Response, ...args: Parameters<Response['end']>) {
        endsSeen++
        return end.apply(this, args)
      } as Response['end']
      next()
    })
    app.use(session(options()))
    app.get('/', countHit)
    expect(await twoHits(`${await serve(app)}/`)).toEqual([
      { hits: 1, ownHooks: true },
      { hits: 2, ownHooks: true },
    ])
    expect(endsSeen).toBe(2)
  })

  it('fall back to own hooks when a library hooks the app response prototype after the first request, so its end runs once', async () => {
    // The chain is checked on every request: a hook there must not see the held end() twice.
    const app = createApp()
    app.use(session(options()))
    app.get('/', countHit)
    const url = `${await serve(app)}/`
    const first = await fetch(url)
    const cookie = first.headers.getSetCookie()[0]!.split(';')[0]!
    expect(await first.json()).toEqual({ hits: 1, ownHooks: false })
    let endsSeen = 0
    const end = app.response.end
    app.response.end = function countedEnd(this: Response, ...args: Parameters<Response['end']>) {
      endsSeen++
      return end.apply(this, args)
    } as Response['end']
    expect(await (await fetch(url, { headers: { cookie } })).json()).toEqual({ hits: 2, ownHooks: true })
    expect(await (await fetch(url, { headers: { cookie } })).json()).toEqual({ hits: 3, ownHooks: true })
    expect(endsSeen).toBe(2)
  })

  it('give req.session, which reads undefined where no middleware set it and takes assignments', async () => {
    const app = createApp()
    app.use(session(options()))
    app.get('/', (req, res) => {
      const loaded = req.session
      req.session = { replaced: true } as unknown as typeof req.session
      res.json({ loaded: typeof loaded.get, replaced: req.session })
    })
    const plain = createApp()
    plain.get('/', (req, res) => {
      res.json({ session: (req as { session?: unknown }).session ?? 'none' })
    })
    expect(await (await fetch(`${await serve(app)}/`)).json()).toEqual({
      loaded: 'function',
      replaced: { replaced: true },
    })
    expect(await (await fetch(`${await serve(plain)}/`)).json()).toEqual({ session: 'none' })
  })

  it('give req.session from the response binding, with no own property on the request', async () => {
    // The fast path: an own property on a prototype-swapped request copies its map (µs each).
    const app = createApp()
    app.use(session(options()))
    app.use((req, _res, next) => {
      req.session.set('hits', (req.session.get('hits') ?? 0) + 1)
      next()
    })
    app.get('/', (req, res) => {
      res.json({ hits: req.session.get('hits'), own: Object.hasOwn(req, 'session') })
    })
    const url = `${await serve(app)}/`
    const first = await fetch(url)
    const cookie = first.headers.getSetCookie()[0]!.split(';')[0]!
    expect(await first.json()).toEqual({ hits: 1, own: false })
    expect(await (await fetch(url, { headers: { cookie } })).json()).toEqual({ hits: 2, own: false })
  })

  it('bind the response with no property on it, and nothing that copies, logs or serializes the locals or the headers sees', async () => {
    // An own property on a prototype-swapped response copies its map (µs each): the binding is
    // a hidden property of res.locals instead, which no common way of reading that object shows.
    const app = createApp()
    app.use(session(options()))
    app.post('/', (req, res) => {
      req.session.set('hits', (req.session.get('hits') ?? 0) + 1)
      const mentionsUs = (target: object) =>
        Reflect.ownKeys(target).filter((key) => String(key).includes('fly-session')).length
      res.json({
        hits: req.session.get('hits'),
        onResponse: mentionsUs(res),
        onHeaders: mentionsUs(req.headers),
        inLocalsKeys: Object.keys(res.locals).length,
        inCopies: mentionsUs({ ...res.locals }) + mentionsUs(Object.assign({}, res.locals)),
        inLog: inspect(res.locals).includes('fly-session'),
        serialized: devalue.stringify(res.locals),
        // A proxy's `fetch(url, { headers: req.headers })` throws on any symbol key of the headers.
        headersConvert: new Headers(req.headers as Record<string, string>).has('host'),
        ownHooks: ownHooks(res),
      })
    })
    const url = `${await serve(app)}/`
    const first = await fetch(url, { method: 'POST' })
    const cookie = first.headers.getSetCookie()[0]!.split(';')[0]!
    const expected = {
      onResponse: 0,
      onHeaders: 0,
      inLocalsKeys: 0,
      inCopies: 0,
      inLog: false,
      serialized: devalue.stringify(Object.create(null)),
      headersConvert: true,
      ownHooks: false,
    }
    expect(await first.json()).toEqual({ hits: 1, ...expected })
    expect(await (await fetch(url, { method: 'POST', headers: { cookie } })).json()).toEqual({
      hits: 2,
      ...expected,
    })
  })

  it('keep the binding on the response when res.locals takes no property', async () => {
    const app = createApp()
    app.use((_req, res, next) => {
      Object.freeze(res.locals)
      next()
    })
    app.use(session(options()))
    app.get('/', countHit)
    expect(await twoHits(`${await serve(app)}/`)).toEqual([
      { hits: 1, ownHooks: false },
      { hits: 2, ownHooks: false },
    ])
  })

  it('keep their session and its commit when a later middleware replaces res.locals', async () => {
    const app = createApp()
    app.use(session(options()))
    app.use((_req, res, next) => {
      res.locals = { title: 'replaced' }
      next()
    })
    app.get('/', countHit)
    expect(await twoHits(`${await serve(app)}/`)).toEqual([
      { hits: 1, ownHooks: false },
      { hits: 2, ownHooks: false },
    ])
  })

  it('keep each response its own session when middleware gives every response the same res.locals', async () => {
    // `res.locals = defaults` (one module-level object) is shared by concurrent responses: a
    // binding found there must be this response's, or one user's request would read, and
    // commit, another user's session.
    const shared = {}
    const app = createApp()
    app.use((_req, res, next) => {
      res.locals = shared
      next()
    })
    app.use(session(options()))
    app.post('/login/:name', (req, res) => {
      req.session.set('name', req.params.name)
      res.json({ name: req.params.name })
    })
    // The first request waits in its handler until the second one's session has been bound.
    let firstWaiting!: () => void
    const firstIsWaiting = new Promise<void>((resolve) => (firstWaiting = resolve))
    let secondBound!: () => void
    const secondIsBound = new Promise<void>((resolve) => (secondBound = resolve))
    app.get('/whoami', (req, res, next) => {
      const answer = () => {
        req.session.set('hits', (req.session.get('hits') ?? 0) + 1)
        res.json({ name: req.session.get('name'), hits: req.session.get('hits') })
      }
      // Express 4 does not catch a rejected handler: errors go to next() by hand.
      if (req.query.first !== '1') {
        secondBound()
        answer()
        return
      }
      firstWaiting()
      secondIsBound.then(answer).catch(next)
    })
    const url = await serve(app)
    const login = async (name: string) =>
      (await fetch(`${url}/login/${name}`, { method: 'POST' })).headers.getSetCookie()[0]!.split(';')[0]!
    const [alice, bob] = [await login('alice'), await login('bob')]
    const first = fetch(`${url}/whoami?first=1`, { headers: { cookie: alice } })
    await firstIsWaiting
    const second = fetch(`${url}/whoami`, { headers: { cookie: bob } })
    expect(await Promise.all([(await first).json(), (await second).json()])).toEqual([
      { name: 'alice', hits: 1 },
      { name: 'bob', hits: 1 },
    ])
    // Each write went to its own session.
    const again = async (cookie: string) => (await fetch(`${url}/whoami`, { headers: { cookie } })).json()
    expect([await again(alice), await again(bob)]).toEqual([
      { name: 'alice', hits: 2 },
      { name: 'bob', hits: 2 },
    ])
  })

  it('leave the connection holding no binding once the response has ended', async () => {
    // The connection keeps the latest binding only for apps that replace res.locals: a
    // keep-alive connection must not hold a finished response (and its session) until its next request.
    const app = createApp()
    app.use(session(options()))
    const held: unknown[] = []
    app.get('/', (req, res) => {
      res.on('finish', () => {
        const socket = req.socket as unknown as Record<symbol, unknown>
        const latest = Object.getOwnPropertySymbols(socket).find(
          (key) => key.description === 'fly-session.latest-binding',
        )
        held.push(latest === undefined ? 'no slot' : socket[latest])
      })
      countHit(req, res, () => undefined)
    })
    await twoHits(`${await serve(app)}/`)
    expect(held).toEqual([undefined, undefined])
  })

  it('share a process with the compat layer, whose destroy still leaves req.session undefined', async () => {
    // The first app defines the shared `session` accessor on this Express copy's request object.
    const app = createApp()
    app.use(session(options()))
    app.get('/', countHit)
    await twoHits(`${await serve(app)}/`)
    // Untyped: the compat layer declares `req.session` differently (one program cannot hold both).
    const compat = (await import('@fly-session/express/compat' as string)) as {
      session: (options: SessionOptions) => RequestHandler
    }
    const legacy = createApp()
    legacy.use(compat.session(options()))
    legacy.get('/', (req, res, next) => {
      const request = req as unknown as { session?: { destroy(callback: (error?: unknown) => void): void } }
      request.session!.destroy((error) => {
        if (error) next(error)
        else res.json({ after: typeof request.session })
      })
    })
    expect(await (await fetch(`${await serve(legacy)}/`)).json()).toEqual({ after: 'undefined' })
  })

  it('keep req.session readable in the error handler when the commit failed, and send no session cookie', async () => {
    class WriteFailingStore extends MemoryStore {
      override async set(): Promise<void> {
        throw new Error('store down')
      }
    }
    const app = createApp()
    app.use(session(options(new WriteFailingStore())))
    app.get('/', (req, res) => {
      req.session.set('hits', 1)
      res.json({ ok: true })
    })
    const onError: ErrorRequestHandler = (error, req, res, _next) => {
      res.status(503).json({ code: error.code, hits: req.session?.get('hits') })
    }
    app.use(onError)
    const reply = await fetch(`${await serve(app)}/`)
    expect(reply.status).toBe(503)
    expect(await reply.json()).toEqual({ code: 'STORE_UNAVAILABLE', hits: 1 })
    expect(reply.headers.getSetCookie()).toEqual([])
  })

  it('of an app without the middleware pass through untouched, in the same process', async () => {
    const withSession = createApp()
    withSession.use(session(options()))
    withSession.get('/', countHit)
    await twoHits(`${await serve(withSession)}/`)
    const plain = createApp()
    plain.get('/', (_req, res) => {
      res.cookie('theme', 'dark').json({ ok: true })
    })
    const reply = await fetch(`${await serve(plain)}/`)
    expect(await reply.json()).toEqual({ ok: true })
    expect(reply.headers.getSetCookie()).toEqual(['theme=dark; Path=/'])
  })

  it('carry the cookie on a streamed body, and have the write stored once the body has ended', async () => {
    const app = createApp()
    app.use(session(options()))
    app.get('/stream', (req, res) => {
      req.session.set('hits', 41)
      res.write('a')
      res.end('b')
    })
    app.get('/', countHit)
    const url = await serve(app)
    const streamed = await fetch(`${url}/stream`)
    const cookie = streamed.headers.getSetCookie()[0]?.split(';')[0]
    expect(cookie).toMatch(/^sid=/)
    expect(await streamed.text()).toBe('ab')
    const next = await fetch(`${url}/`, { headers: { cookie: cookie! } })
    expect(await next.json()).toEqual({ hits: 42, ownHooks: false })
  })
})

import { RecordingStore } from '@fly-session/core/testing'
import { createSessionManager, getSession, SessionStateError, withSession } from '@fly-session/fetch'
import { type SessionEnv, session } from '@fly-session/fetch/hono'
import { MemoryStore } from '@fly-session/store-memory'
import { SUITE_SECRET } from '@fly-session/testkit/adapters'
import { HttpClient, type Listening, listen } from '@fly-session/testkit/http'
import { getRequestListener } from '@hono/node-server'
import { Hono } from 'hono'
import { afterAll, describe, expect, it } from 'vitest'

const store = new RecordingStore(new MemoryStore())
const manager = createSessionManager({ store, secret: SUITE_SECRET })
const servers: Listening[] = []

async function serve(fetch: (request: Request) => Response | Promise<Response>): Promise<HttpClient> {
  const server = await listen(getRequestListener(fetch))
  servers.push(server)
  return new HttpClient(server.url)
}

afterAll(async () => {
  await Promise.all(servers.map((server) => server.close()))
  await store.inner.dispose?.()
})

describe('withSession', () => {
  it('adds the cookie to a Response.redirect(), whose headers are immutable', async () => {
    const handler = withSession((request: Request) => {
      getSession(request).set('from' as never, 'redirect' as never)
      return Response.redirect(new URL('/next', request.url), 303)
    }, manager)
    const browser = await serve(handler)
    const response = await browser.get('/')
    expect(response.status).toBe(303)
    expect(new URL(response.headers.get('location')!).pathname).toBe('/next')
    expect(browser.cookie('sid')).toBeDefined()
  })

  it("passes the platform's other arguments through and rethrows the handler's error after committing", async () => {
    const seen: unknown[] = []
    const handler = withSession((request: Request, context: { platform: string }) => {
      seen.push(context.platform)
      getSession(request).set('before' as never, 'the error' as never)
      if (new URL(request.url).pathname === '/fail') throw new Error('handler failed')
      return Response.json({ before: getSession(request).get('before' as never) })
    }, manager)
    const browser = await serve(async (request) => {
      try {
        return await handler(request, { platform: 'test' })
      } catch (error) {
        return Response.json({ error: (error as Error).message }, { status: 500 })
      }
    })
    const failed = await browser.get('/fail')
    expect(failed.status).toBe(500)
    expect(failed.json()).toEqual({ error: 'handler failed' })
    // The change made before the error was committed, and the cookie is in the jar for the next request.
    expect((await browser.get('/ok')).json()).toEqual({ before: 'the error' })
    expect(seen).toEqual(['test', 'test'])
  })

  it('getSession throws SessionStateError for a request withSession did not see', () => {
    expect(() => getSession(new Request('http://localhost/'))).toThrow(SessionStateError)
  })
})

describe('the Hono middleware', () => {
  it("answers 503 through Hono's default error handler when the store is down", async () => {
    const app = new Hono<SessionEnv>()
    app.use(session(manager))
    app.get('/write', (c) => {
      c.get('session').set('n' as never, 1 as never)
      return c.json({ ok: true })
    })
    const browser = await serve(app.fetch)
    expect((await browser.get('/write')).status).toBe(200)
    store.failing = 'all'
    try {
      const failed = await browser.get('/write')
      expect(failed.status).toBe(503)
      expect(failed.text).toBe('Service Unavailable')
      expect(failed.setCookies).toEqual([])
    } finally {
      store.failing = false
    }
  })

  it('commits a session that a later handler threw in, as the error page goes out', async () => {
    const app = new Hono()
    app.onError((_error, c) => c.text('failed', 500))
    app.use(session(manager))
    app.get('/fail', (c) => {
      c.get('session').set('before' as never, 'the error' as never)
      throw new Error('handler failed')
    })
    app.get('/read', (c) => c.json({ before: c.get('session').get('before' as never) ?? null }))
    const browser = await serve(app.fetch)
    expect((await browser.get('/fail')).status).toBe(500)
    expect((await browser.get('/read')).json()).toEqual({ before: 'the error' })
  })
})

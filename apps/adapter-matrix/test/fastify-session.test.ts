import { createSessionManager, type SessionManager } from '@fly-session/core'
import { RecordingStore } from '@fly-session/core/testing'
import { type FastifySession, session } from '@fly-session/fastify'
import { MemoryStore } from '@fly-session/store-memory'
import { SUITE_SECRET } from '@fly-session/testkit/adapters'
import { HttpClient, isExpiring } from '@fly-session/testkit/http'
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

type Cart = { items: string[] }
// Attribute names this file uses, read and written through properties.
type Loose = FastifySession & Record<string, unknown>

function loose(request: FastifyRequest): Loose {
  return request.session as Loose
}

/** Listens on a loopback port; returns the app's URL. */
async function serve(app: FastifyInstance): Promise<string> {
  await app.listen({ port: 0, host: '127.0.0.1' })
  return `http://127.0.0.1:${(app.server.address() as { port: number }).port}`
}

describe("request.session as @fastify/session's users know it", () => {
  const store = new MemoryStore()
  const manager: SessionManager = createSessionManager({ store, secret: SUITE_SECRET })
  const app = Fastify()
  let client: () => HttpClient

  beforeAll(async () => {
    await app.register(session, manager)
    app.get('/props/write', async (request) => {
      const current = loose(request)
      current.cart = { items: ['apple'] } satisfies Cart
      current.color = 'blue'
      current.gone = 'soon'
      delete current.gone
      return {
        keys: Object.keys(current),
        has: 'color' in current,
        json: JSON.parse(JSON.stringify(current)),
      }
    })
    app.get('/props/read', async (request) => {
      const current = loose(request)
      return {
        cart: current.cart ?? null,
        color: current.color ?? null,
        sessionId: current.sessionId === current.id,
      }
    })
    app.get('/props/mutate', async (request) => {
      // In place, as @fastify/session code does: no assignment back.
      ;(loose(request).cart as Cart).items.push('pear')
      return { ok: true }
    })
    app.get('/members', async (request) => {
      const current = loose(request)
      let assignIdFailed = false
      try {
        ;(current as { id: string }).id = 'mine'
      } catch (error) {
        assignIdFailed = error instanceof TypeError
      }
      current.set('dropped' as never, undefined as never)
      current.idleTimeout = 600
      return {
        assignIdFailed,
        expires: current.cookie.expires.getTime() === current.expiresAt,
        maxAge: current.cookie.maxAge > 0,
        hasDropped: current.has('dropped' as never),
        idleTimeout: current.idleTimeout,
        isAttribute: current.keys().includes('idleTimeout'),
        data: current.data(),
      }
    })
    app.get('/regenerate-keeping', async (request) => {
      await request.session.regenerate(['color'])
      return { keys: request.session.keys() }
    })
    app.get('/callbacks', async (request) => {
      const seen: string[] = []
      await new Promise<void>((resolve) => request.session.save(() => resolve()))
      seen.push('save')
      request.session.touch()
      await new Promise<void>((resolve, reject) =>
        request.session.regenerate((error) => (error ? reject(error) : resolve())),
      )
      seen.push('regenerate')
      return { seen }
    })
    app.get('/reload', async (request) => {
      loose(request).color = 'changed-then-dropped'
      await request.session.reload()
      return { color: loose(request).color ?? null }
    })
    app.get('/destroy', async (request) => {
      await request.session.destroy()
      return { destroyed: request.session.invalidated }
    })
    const url = await serve(app)
    client = () => new HttpClient(url)
  })
  afterAll(async () => {
    await app.close()
    await store.dispose()
  })

  it('reads, writes, deletes and lists attributes as properties', async () => {
    const browser = client()
    const written = (await browser.get('/props/write')).json()
    expect(written).toEqual({
      keys: ['cart', 'color'],
      has: true,
      json: { cart: { items: ['apple'] }, color: 'blue' },
    })
    expect((await browser.get('/props/read')).json()).toEqual({
      cart: { items: ['apple'] },
      color: 'blue',
      sessionId: true,
    })
  })

  it('saves an object read as a property and changed in place', async () => {
    const browser = client()
    await browser.get('/props/write')
    await browser.get('/props/mutate')
    expect((await browser.get('/props/read')).json()).toMatchObject({ cart: { items: ['apple', 'pear'] } })
  })

  it("keeps members apart from attributes: read-only id, cookie's expiry, set(name, undefined) removes", async () => {
    const browser = client()
    await browser.get('/props/write')
    expect((await browser.get('/members')).json()).toEqual({
      assignIdFailed: true,
      expires: true,
      maxAge: true,
      hasDropped: false,
      idleTimeout: 600,
      isAttribute: false,
      data: { cart: { items: ['apple'] }, color: 'blue' },
    })
  })

  it('regenerate(keep) gives a new ID and keeps only the attributes named', async () => {
    const browser = client()
    await browser.get('/props/write')
    const before = browser.cookie('sid')
    expect((await browser.get('/regenerate-keeping')).json()).toEqual({ keys: ['color'] })
    expect(browser.cookie('sid')).not.toBe(before)
    expect((await browser.get('/props/read')).json()).toMatchObject({ cart: null, color: 'blue' })
  })

  it("takes @fastify/session's callback forms of save and regenerate", async () => {
    const browser = client()
    await browser.get('/props/write')
    const before = browser.cookie('sid')
    expect((await browser.get('/callbacks')).json()).toEqual({ seen: ['save', 'regenerate'] })
    expect(browser.cookie('sid')).not.toBe(before)
    expect((await browser.get('/props/read')).json()).toMatchObject({ color: 'blue' })
  })

  it("reload() drops the request's changes and reads the stored session again", async () => {
    const browser = client()
    await browser.get('/props/write')
    expect((await browser.get('/reload')).json()).toEqual({ color: 'blue' })
    expect((await browser.get('/props/read')).json()).toMatchObject({ color: 'blue' })
  })

  it('destroy() ends the session and expires its cookie', async () => {
    const browser = client()
    await browser.get('/props/write')
    const destroyed = await browser.get('/destroy')
    expect(destroyed.json()).toEqual({ destroyed: true })
    expect(isExpiring(destroyed.cookie('sid')!)).toBe(true)
    expect((await browser.get('/props/read')).json()).toMatchObject({ color: null })
  })
})

describe('@fly-session/fastify in an app', () => {
  const apps: FastifyInstance[] = []
  afterAll(async () => {
    await Promise.all(apps.map((app) => app.close()))
  })

  it('applies to the scope it is registered in and its children, not to siblings', async () => {
    const app = Fastify()
    apps.push(app)
    const store = new MemoryStore()
    await app.register(async (scoped) => {
      await scoped.register(session, { store, secret: SUITE_SECRET })
      scoped.get('/inside', async (request) => ({ hasSession: Boolean(request.session) }))
    })
    app.get('/outside', async (request) => ({ hasSession: Boolean(request.session) }))
    const browser = new HttpClient(await serve(app))
    expect((await browser.get('/inside')).json()).toEqual({ hasSession: true })
    expect((await browser.get('/outside')).json()).toEqual({ hasSession: false })
    await store.dispose()
  })

  it("answers 503 through Fastify's default error handler when the store is down, and takes register options", async () => {
    const app = Fastify()
    apps.push(app)
    const store = new RecordingStore(new MemoryStore())
    // logLevel is Fastify's own registration option: not a session option.
    await app.register(session, { store, secret: SUITE_SECRET, logLevel: 'silent' })
    app.get('/write', async (request) => {
      request.session.set('n' as never, 1 as never)
      return { ok: true }
    })
    const browser = new HttpClient(await serve(app))
    expect((await browser.get('/write')).status).toBe(200)
    store.failing = 'all'
    const failed = await browser.get('/write')
    expect(failed.status).toBe(503)
    expect(failed.json()).toMatchObject({ statusCode: 503, code: 'STORE_UNAVAILABLE' })
    expect(failed.setCookies).toEqual([])
    await store.inner.dispose?.()
  })
})

import { launchBrowserDevice } from '@fly-session/testkit/browser'
import { HttpClient } from '@fly-session/testkit/http'
import { type RedisServerHandle, startRedisServer } from '@fly-session/testkit/redis'
import { Redis } from 'ioredis'
import { chromium, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { AppUnderTest } from '../../src/apps'
import { type OutputServer, startOutputServer } from '../../src/server'

const SECRET = 'nuxt-e2e secret that is at least 32 characters long'

/** A store the built server runs on: none configured (MemoryStore) or a real redis-server. */
interface StoreUnderTest {
  label: string
  start(): Promise<{
    redisUrl?: string
    sessionKeys?: () => Promise<string[]>
    /** Freezes the store's server (SIGSTOP) and thaws it: connections stay open, nothing answers. */
    outage?: { begin(): void; end(): void }
    stop(): Promise<void>
  }>
}

const stores: StoreUnderTest[] = [
  { label: 'MemoryStore', start: async () => ({ stop: async () => {} }) },
  {
    label: 'RedisStore on a real redis-server',
    async start() {
      const redis: RedisServerHandle = await startRedisServer()
      const inspector = new Redis(redis.url)
      return {
        redisUrl: redis.url,
        // Session hashes only, not the principal index.
        sessionKeys: async () =>
          (await inspector.keys('fly:sess:*')).filter((key) => !key.includes('principal:')),
        outage: { begin: () => redis.pause(), end: () => redis.resume() },
        async stop() {
          await inspector.quit()
          await redis.stop()
        },
      }
    },
  },
]

const form = (fields: Record<string, string>) => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(fields).toString(),
})

/** The `visits: N` a server-rendered page shows. */
const visitsShown = (html: string) => Number(/id="visits"[^>]*>visits: (\d+)/.exec(html)?.[1])

/** Waits (bounded) until the element's text is `expected`, then returns it. */
async function textOf(page: Page, selector: string, expected: string): Promise<string> {
  await page.waitForFunction(
    ([sel, text]) => document.querySelector(sel!)?.textContent?.trim() === text,
    [selector, expected] as const,
    { timeout: 10_000 },
  )
  return (await page.textContent(selector))?.trim() ?? ''
}

/**
 * The behaviour every built app must show, once per store: the session read by a page rendered
 * on the server, written by a route called from a client, from a server-rendered page (the
 * in-process call SSR makes) and from another route (in-process), sign-in with `regenerate`
 * and sign-out, over HTTP and in chromium.
 */
export function describeServedApp(app: AppUnderTest, appDir: () => string) {
  describe.each(stores)(`${app.label}, served from .output/ on $label`, (store) => {
    let running: Awaited<ReturnType<StoreUnderTest['start']>>
    let server: OutputServer

    beforeAll(async () => {
      running = await store.start()
      server = await startOutputServer(
        appDir(),
        app.env({ secret: SECRET, ...(running.redisUrl ? { redisUrl: running.redisUrl } : {}) }),
      )
    })
    afterAll(async () => {
      await server?.stop()
      await running?.stop()
    })

    if (app.memoryStoreWarning) {
      it('warns at start-up exactly when sessions are kept in memory', () => {
        expect(app.memoryStoreWarning!.test(server.output())).toBe(running.redisUrl === undefined)
      })
    }

    it('reads a fresh session without creating one, and writes it from a client request', async () => {
      const client = new HttpClient(server.url)
      const fresh = await client.get('/api/session')
      expect(fresh.json()).toEqual({ user: null, visits: 0 })
      expect(fresh.setCookies).toEqual([])
      const written = await client.request('/api/visit', { method: 'POST' })
      expect(written.json()).toEqual({ visits: 1 })
      expect(written.cookie('sid')?.value).toBeTruthy()
      if (running.sessionKeys) expect(await running.sessionKeys()).toHaveLength(1)
    })

    it('hands over the body of a route that calls a writing route in-process only after the save', async () => {
      const client = new HttpClient(server.url)
      await client.request('/api/visit', { method: 'POST' })
      const outer = await client.request('/api/visit-in-process', { method: 'POST' })
      expect(outer.status).toBe(200)
      expect(outer.json()).toEqual({ inner: { visits: 2 } })
      expect((await client.get('/api/session')).json()).toMatchObject({ visits: 2 })
    })

    it('renders a page on the server that writes the session through an in-process call (SSR)', async () => {
      const client = new HttpClient(server.url)
      await client.request('/api/visit', { method: 'POST' })
      const page = await client.get('/visit')
      expect(page.status).toBe(200)
      expect(visitsShown(page.text)).toBe(2)
      expect((await client.get('/api/session')).json()).toMatchObject({ visits: 2 })
      expect(visitsShown((await client.get('/')).text)).toBe(2)
    })

    it('signs in with a new session ID, saved before the redirect, and kills the old ID', async () => {
      const client = new HttpClient(server.url)
      await client.request('/api/visit', { method: 'POST' })
      const before = client.cookie('sid')!
      const signIn = await client.request('/api/sign-in', form({ user: 'alice' }))
      expect(signIn.status).toBe(303)
      expect(signIn.headers.get('location')).toBe('/')
      const after = client.cookie('sid')!
      expect(after).not.toBe(before)
      const home = await client.get('/')
      expect(home.text).toContain('Signed in as alice')
      expect(visitsShown(home.text)).toBe(1)
      const replayed = await new HttpClient(server.url).get('/api/session', { cookie: `sid=${before}` })
      expect(replayed.json()).toEqual({ user: null, visits: 0 })
    })

    it('signs out: the session is destroyed and its cookie expired', async () => {
      const client = new HttpClient(server.url)
      await client.request('/api/sign-in', form({ user: 'alice' }))
      const signedIn = client.cookie('sid')!
      const signOut = await client.request('/api/sign-out', { method: 'POST' })
      expect(signOut.status).toBe(303)
      expect(signOut.cookie('sid')?.value).toBe('')
      expect(client.cookie('sid')).toBeUndefined()
      const replayed = await new HttpClient(server.url).get('/api/session', { cookie: `sid=${signedIn}` })
      expect(replayed.json()).toEqual({ user: null, visits: 0 })
    })

    // Paths only Nitro 2 has: h3 1.x writes some responses itself, without `beforeResponse`.
    if (app.nitro2Paths) {
      it('keeps what a route wrote before it threw, and still answers with its error', async () => {
        const client = new HttpClient(server.url)
        await client.request('/api/visit', { method: 'POST' })
        const failed = await client.request('/api/visit-then-fail', { method: 'POST' })
        expect(failed.status).toBe(409)
        expect((await client.get('/api/session')).json()).toMatchObject({ visits: 2 })
      })

      it('hands a whole sendRedirect response to an in-process caller, after the save', async () => {
        const client = new HttpClient(server.url)
        await client.request('/api/visit', { method: 'POST' })
        const outer = (await client.request('/api/visit-redirect-in-process', { method: 'POST' })).json()
        expect(outer).toEqual({ status: 303, location: '/', body: expect.stringContaining('url=/') })
        expect((await client.get('/api/session')).json()).toMatchObject({ visits: 2 })
      })
    }

    // Only the Nuxt app has these routes (the module's useSessionManager()): not a skip.
    if (app.principalRoutes)
      it('lists a user’s sessions and ends the other devices’ (principal calls)', async () => {
        const laptop = new HttpClient(server.url)
        const phone = new HttpClient(server.url)
        await laptop.request('/api/sign-in', form({ user: 'bob' }))
        await phone.request('/api/sign-in', form({ user: 'bob' }))
        const listed = (await laptop.get('/api/sessions')).json<
          Array<{ handle: string; current?: boolean }>
        >()
        expect(listed).toHaveLength(2)
        expect(listed.filter((entry) => entry.current)).toHaveLength(1)
        expect((await laptop.request('/api/sign-out-others', { method: 'POST' })).json()).toEqual({
          ended: 1,
        })
        expect((await phone.get('/api/session')).json()).toEqual({ user: null, visits: 0 })
        expect((await laptop.get('/api/session')).json()).toMatchObject({ user: 'bob' })
      })

    // Only a store that can fail fails; MemoryStore cannot be made to.
    if (store.label.startsWith('RedisStore')) {
      it('answers 503 while Redis does not answer, never a silent new session, and recovers', async () => {
        const client = new HttpClient(server.url)
        await client.request('/api/visit', { method: 'POST' })
        running.outage!.begin()
        try {
          // The load fails (the cookie names a stored session), then a first save fails.
          expect((await client.get('/api/session')).status).toBe(503)
          const unsaved = await new HttpClient(server.url).request('/api/visit', { method: 'POST' })
          expect(unsaved.status).toBe(503)
          expect(unsaved.setCookies).toEqual([])
        } finally {
          running.outage!.end()
        }
        expect((await client.get('/api/session')).json()).toEqual({ user: null, visits: 1 })
      })
    }

    it('works in chromium: SSR read, client write, SSR write, sign-in, sign-out', async () => {
      const device = await launchBrowserDevice(chromium)
      try {
        const page = await device.context.newPage()
        await page.goto(`${server.url}/`)
        await page.waitForSelector('main[data-hydrated="true"]')
        expect(await textOf(page, '#user', 'Signed out')).toBe('Signed out')
        await page.click('#visit')
        expect(await textOf(page, '#visits', 'visits: 1')).toBe('visits: 1')
        await page.reload()
        expect(await textOf(page, '#visits', 'visits: 1')).toBe('visits: 1')
        await page.click('#to-visit')
        await page.waitForURL(`${server.url}/visit`)
        expect(await textOf(page, '#visits', 'visits: 2')).toBe('visits: 2')
        await page.click('#home')
        await page.waitForURL(`${server.url}/`)
        expect(await textOf(page, '#visits', 'visits: 2')).toBe('visits: 2')
        const [anonymous] = await device.context.cookies()
        await page.fill('#name', 'carol')
        await page.click('#sign-in')
        expect(await textOf(page, '#user', 'Signed in as carol')).toBe('Signed in as carol')
        const [signedIn] = await device.context.cookies()
        expect(signedIn?.value).toBeTruthy()
        expect(signedIn?.value).not.toBe(anonymous?.value)
        await page.click('#sign-out')
        expect(await textOf(page, '#user', 'Signed out')).toBe('Signed out')
        expect(await device.context.cookies()).toEqual([])
      } finally {
        await device.close()
      }
    })
  })
}

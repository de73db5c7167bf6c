import { mkdir } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'

import { type BrowserDevice, launchBrowserDevice } from '@fly-session/testkit/browser'
import { startRedisServer } from '@fly-session/testkit/redis'
import { Redis } from 'ioredis'
import { type BrowserContext, chromium } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { type Playground, startPlayground } from '../src/playground'
import type { StoreChoice } from '../src/store'
import { PlaygroundPage } from './playground-page'

/** Screenshots of the signed-in page land here (git-ignored), one set per store. */
const ARTIFACTS = fileURLToPath(new URL('../test-artifacts/', import.meta.url))

/** A store the playground runs on in this test, started for real and stopped after. */
interface StoreUnderTest {
  kind: StoreChoice['kind']
  label: string
  start(): Promise<{ choice: StoreChoice; storedKeys?: () => Promise<number>; stop(): Promise<void> }>
}

const stores: StoreUnderTest[] = [
  {
    kind: 'memory',
    label: 'MemoryStore',
    start: async () => ({ choice: { kind: 'memory' }, stop: async () => {} }),
  },
  {
    kind: 'redis',
    label: 'RedisStore',
    async start() {
      const server = await startRedisServer()
      const inspector = new Redis(server.url)
      return {
        choice: { kind: 'redis', url: server.url },
        storedKeys: () => inspector.dbsize(),
        async stop() {
          await inspector.quit()
          await server.stop()
        },
      }
    },
  },
]

describe.each(stores)('the playground on $label, in two browsers', (storeUnderTest) => {
  const logs: string[] = []
  let store: Awaited<ReturnType<StoreUnderTest['start']>>
  let playground: Playground
  const devices: BrowserDevice<BrowserContext>[] = []
  let laptop: PlaygroundPage
  let phone: PlaygroundPage

  beforeAll(async () => {
    await mkdir(ARTIFACTS, { recursive: true })
    store = await storeUnderTest.start()
    playground = await startPlayground({ port: 0, store: store.choice, log: (line) => logs.push(line) })
    // One at a time: two chromium launches at once starve a 2-core machine.
    devices.push(await launchBrowserDevice(chromium))
    devices.push(await launchBrowserDevice(chromium))
    laptop = await PlaygroundPage.open(devices[0]!.context, playground.url)
    phone = await PlaygroundPage.open(devices[1]!.context, playground.url)
  })

  afterAll(async () => {
    for (const device of devices) await device.close()
    await playground?.close()
    await store?.stop()
  })

  const screenshot = (page: PlaygroundPage, name: string) =>
    page.page.screenshot({ path: `${ARTIFACTS}${storeUnderTest.kind}-${name}.png`, fullPage: true })

  it('offers sign-in and names the store in use', async () => {
    for (const device of [laptop, phone]) {
      expect(await device.isSignedIn()).toBe(false)
      expect(await device.text('#store')).toContain(storeUnderTest.label)
    }
    expect(await laptop.sessionCookieCount(playground.url)).toBe(0)
  })

  it('signs both browsers in as the same name, through different frameworks', async () => {
    await laptop.signIn('ada')
    await phone.use('h3')
    await phone.signIn('ada')

    for (const device of [laptop, phone]) {
      expect(await device.isSignedIn()).toBe(true)
      expect(await device.text('#who')).toBe('ada')
      // Three frameworks, one origin: one session cookie.
      expect(await device.sessionCookieCount(playground.url)).toBe(1)
    }
    expect(await laptop.text('#served-by')).toContain('Express')
    expect(await phone.text('#served-by')).toContain('h3')
    expect(await laptop.sessionId(playground.url)).not.toBe(await phone.sessionId(playground.url))
    if (store.storedKeys) expect(await store.storedKeys()).toBeGreaterThanOrEqual(2)
  })

  it('moves one counter through Express, Koa, h3, Fastify and Hono, showing who wrote last', async () => {
    const steps = [
      ['express', '1', 'Express'],
      ['koa', '2', 'Koa'],
      ['h3', '3', 'h3'],
      ['fastify', '4', 'Fastify'],
      ['hono', '5', 'Hono'],
    ] as const
    for (const [framework, value, writer] of steps) {
      await laptop.increment(framework)
      expect(await laptop.text('#counter-value')).toBe(value)
      expect(await laptop.text('#last-writer')).toBe(writer)
    }
    // The counter lives in the session, not under the name: the phone's is its own.
    await phone.increment('koa')
    expect(await phone.text('#counter-value')).toBe('1')
    await laptop.use('fastify')
    await laptop.refresh()
    expect(await laptop.text('#counter-value')).toBe('5')
    expect(await laptop.text('#last-writer')).toBe('Hono')
    await laptop.use('koa')
  })

  it("shows the session's created, last access and expiry times", async () => {
    const [created, lastAccess, expires] = await Promise.all(
      ['#created-at', '#last-accessed-at', '#expires-at'].map((selector) => laptop.time(selector)),
    )
    expect(created).toBeLessThanOrEqual(lastAccess!)
    expect(lastAccess).toBeLessThanOrEqual(Date.now())
    // Default idle timeout: 30 minutes after the last access, if the absolute limit is not sooner.
    expect(expires).toBe(lastAccess! + 1800 * 1000)
  })

  it('lists both sessions in each browser and marks the current one', async () => {
    await phone.use('express')
    await phone.refresh()
    for (const device of [laptop, phone]) {
      expect(await device.sessions()).toEqual(
        expect.arrayContaining([
          { label: 'This browser', current: true, revocable: false },
          { label: 'Another browser', current: false, revocable: true },
        ]),
      )
      expect(await device.sessions()).toHaveLength(2)
    }
    await screenshot(laptop, 'laptop-signed-in')
    await screenshot(phone, 'phone-signed-in')
  })

  it('never shows or logs the raw session ID', async () => {
    for (const device of [laptop, phone]) {
      const id = await device.sessionId(playground.url)
      expect(id).toMatch(/^[A-Za-z0-9_-]{43}$/)
      // The whole DOM as HTML: text, attributes (the revoke buttons' handles) and all.
      expect(await device.page.content()).not.toContain(id)
      expect(logs.join('\n')).not.toContain(id)
    }
    // The log is not empty: it did record the requests, just not their cookies.
    expect(logs.some((line) => line.startsWith('POST /h3/api/increment 200'))).toBe(true)
  })

  it('signs the other browser out when one revokes it', async () => {
    await laptop.use('h3')
    await laptop.revokeOther()
    expect(await laptop.sessions()).toEqual([{ label: 'This browser', current: true, revocable: false }])

    await phone.increment('express')
    expect(await phone.isSignedIn()).toBe(false)
    expect(await phone.notice()).toContain('signed out')
    await screenshot(phone, 'phone-after-revoke')
  })

  it('signs every other browser out with "sign out everywhere else"', async () => {
    await phone.use('koa')
    await phone.signIn('ada')
    await laptop.refresh()
    expect(await laptop.sessions()).toHaveLength(2)

    await laptop.signOutEverywhereElse()
    expect(await laptop.notice()).toBe('Signed out 1 other session.')
    expect(await laptop.sessions()).toHaveLength(1)
    expect(await laptop.isSignedIn()).toBe(true)

    await phone.refresh()
    expect(await phone.isSignedIn()).toBe(false)
    expect(await phone.notice()).toContain('signed out')
  })

  it('signs out', async () => {
    await laptop.use('express')
    await laptop.signOut()
    expect(await laptop.isSignedIn()).toBe(false)
    expect(await laptop.notice()).toBe('Signed out.')
    expect(await laptop.sessionCookieCount(playground.url)).toBe(0)

    await laptop.reload()
    expect(await laptop.isSignedIn()).toBe(false)
    expect(await laptop.notice()).toBeUndefined()
  })
})

// Runs the Web-standard adapters (withSession, the Hono middleware) on the runtime executing this
// file (Bun or Deno, served by Bun.serve / Deno.serve) against real HTTP, with MemoryStore and,
// when REDIS_URL is set, RedisStore over ioredis. Prints "N passed, N failed"; exits 1 on any
// failure. Bounded: each check has a time limit, and the whole run has one. Started by
// test/runtimes.test.ts, which installs the runtimes and the redis-server.
import { deepStrictEqual, equal, notEqual, ok } from 'node:assert/strict'

import { createSessionManager, type SessionStore } from '@fly-session/core'
import { RecordingStore } from '@fly-session/core/testing'
import { MemoryStore } from '@fly-session/store-memory'
import { RedisStore } from '@fly-session/store-redis'
import {
  behaviourRoutes,
  Gates,
  isSkippedRequest,
  SKIPPED_PREFIX,
  SUITE_SECRET,
} from '@fly-session/testkit/adapters'
import { HttpClient, isExpiring } from '@fly-session/testkit/http'
import { Redis } from 'ioredis'

import { type BuildWebApp, buildHonoApp, buildWithSessionApp, type WebApp } from '../test/apps/web'

const CHECK_LIMIT_MS = 10_000
const RUN_LIMIT_MS = 90_000

interface Served {
  url: string
  stop(): Promise<void>
}

declare const Bun: {
  version: string
  serve(options: object): { port: number; stop(force?: boolean): Promise<void> }
}
declare const Deno: {
  version: { deno: string }
  serve(
    options: object,
    handler: (request: Request) => Promise<Response>,
  ): { addr: { port: number }; shutdown(): Promise<void> }
}

const runtime = typeof Bun !== 'undefined' ? `bun ${Bun.version}` : `deno ${Deno.version.deno}`

function serve(app: WebApp): Served {
  if (typeof Bun !== 'undefined') {
    const server = Bun.serve({ port: 0, hostname: '127.0.0.1', fetch: app.fetch })
    return { url: `http://127.0.0.1:${server.port}`, stop: () => server.stop(true) }
  }
  const server = Deno.serve({ port: 0, hostname: '127.0.0.1', onListen() {} }, app.fetch)
  return { url: `http://127.0.0.1:${server.addr.port}`, stop: () => server.shutdown() }
}

interface Context {
  store: RecordingStore
  app: WebApp
  client(): HttpClient
  gates: Gates
}

type Check = (context: Context) => Promise<void>

function attributes(response: { json<T>(): T }) {
  return response.json<{ isNew: boolean; attributes: Record<string, unknown> }>()
}

const checks: Record<string, Check> = {
  'a first request that writes nothing sets no cookie and stores nothing': async ({ client, store }) => {
    const response = await client().get('/read')
    deepStrictEqual(attributes(response), { isNew: true, principal: null, attributes: {} })
    deepStrictEqual(response.setCookies, [])
    deepStrictEqual(store.methods(), [])
  },
  'reads back what an earlier request wrote, from a secure httpOnly cookie': async ({ client }) => {
    const browser = client()
    const write = await browser.get('/write?color=blue')
    ok(write.cookie('sid')?.httpOnly && write.cookie('sid')?.secure)
    deepStrictEqual(attributes(await browser.get('/read')).attributes, { color: 'blue' })
  },
  'the request after a redirect reads the write made before it': async ({ client, store }) => {
    store.writeLatency = 50
    const browser = client()
    const redirect = await browser.get('/redirect-after-write?step=1')
    equal(redirect.status, 302)
    deepStrictEqual(attributes(await browser.get(redirect.headers.get('location')!)).attributes, {
      step: '1',
    })
  },
  'commits before a streamed body completes, with the cookie in its headers': async ({ client, store }) => {
    store.writeLatency = 50
    const browser = client()
    const streamed = await browser.get('/stream?streamed=yes')
    equal(streamed.text, 'onetwothree')
    ok(streamed.cookie('sid'))
    deepStrictEqual(attributes(await browser.get('/read')).attributes, { streamed: 'yes' })
  },
  "keeps the app's own cookie next to the session cookie": async ({ client }) => {
    const response = await client().get('/other-cookie?x=1')
    deepStrictEqual(response.setCookies.map((header) => header.split('=')[0]).sort(), ['sid', 'theme'])
  },
  'login gives a new ID, keeps the data, and the old cookie finds nothing': async ({ client }) => {
    const browser = client()
    await browser.get('/write?cart=3')
    const before = browser.cookie('sid')
    await browser.get('/login?user=ada')
    notEqual(browser.cookie('sid'), before)
    deepStrictEqual(attributes(await browser.get('/read')).attributes, { cart: '3', user: 'ada' })
    equal(attributes(await client().get('/read', { cookie: `sid=${before}` })).isNew, true)
  },
  'logout destroys the stored session and expires its cookie': async ({ client, store }) => {
    const browser = client()
    await browser.get('/write?cart=3')
    const key = store.createdKey()!
    const logout = await browser.get('/logout')
    ok(isExpiring(logout.cookie('sid')!))
    equal(await store.inner.get(key), null)
  },
  'a forged cookie gets a fresh session, not an error': async ({ client }) => {
    const response = await client().get('/read', { cookie: `sid=${'A'.repeat(43)}.${'B'.repeat(43)}` })
    equal(response.status, 200)
    equal(attributes(response).isNew, true)
  },
  'keeps both attributes when two requests write at once': async ({ client, gates }) => {
    const browser = client()
    await browser.get('/write?base=1')
    const held = browser.get('/write?a=1&gate=one')
    await gates.arrival('one')
    await browser.get('/write?b=2')
    gates.release('one')
    await held
    deepStrictEqual(attributes(await browser.get('/read')).attributes, { base: '1', a: '1', b: '2' })
  },
  'answers 503 with no cookie through the error path when the store is down': async ({
    client,
    store,
    app,
  }) => {
    const browser = client()
    await browser.get('/write?kept=1')
    store.failing = 'all'
    const response = await browser.get('/read')
    equal(response.status, 503)
    deepStrictEqual(response.setCookies, [])
    deepStrictEqual(
      app.errors.map((error) => (error as { status?: number }).status),
      [503],
    )
    store.failing = false
    deepStrictEqual(attributes(await browser.get('/read')).attributes, { kept: '1' })
  },
  'does no session work for requests skip matches': async ({ client, store }) => {
    store.failing = 'all'
    const response = await client().get(`${SKIPPED_PREFIX}probe`)
    deepStrictEqual(response.json(), { hasSession: false })
    deepStrictEqual(store.methods(), [])
  },
}

function timeLimit<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms)
  })
  return Promise.race([promise, limit]).finally(() => clearTimeout(timer))
}

async function runChecks(label: string, build: BuildWebApp, store: SessionStore): Promise<[number, number]> {
  let passed = 0
  let failed = 0
  for (const [name, check] of Object.entries(checks)) {
    const counting = new RecordingStore(store)
    const manager = createSessionManager({ store: counting, secret: SUITE_SECRET, skip: isSkippedRequest })
    const gates = new Gates()
    const app = build(manager, behaviourRoutes(manager, gates))
    const served = serve(app)
    try {
      await timeLimit(
        check({ store: counting, app, gates, client: () => new HttpClient(served.url) }),
        CHECK_LIMIT_MS,
        name,
      )
      passed++
      console.log(`  ✓ ${label}: ${name}`)
    } catch (error) {
      failed++
      console.log(`  ✗ ${label}: ${name}\n    ${(error as Error).message.split('\n').join('\n    ')}`)
    } finally {
      await served.stop()
    }
  }
  return [passed, failed]
}

async function main(): Promise<number> {
  const redisUrl = process.env.REDIS_URL
  const redis =
    redisUrl === undefined ? undefined : new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 })
  await redis?.connect()
  const stores: Array<[string, () => SessionStore]> = [['MemoryStore', () => new MemoryStore()]]
  if (redis !== undefined)
    stores.push(['RedisStore', () => new RedisStore({ client: redis, prefix: `fly:${Date.now()}:` })])
  const builds: Array<[string, BuildWebApp]> = [
    ['withSession', buildWithSessionApp],
    ['Hono middleware', buildHonoApp],
  ]
  console.log(`[runtimes] ${runtime}: ${builds.length} adapters × ${stores.map(([name]) => name).join(', ')}`)
  let passed = 0
  let failed = 0
  for (const [storeName, createStore] of stores) {
    const store = createStore()
    for (const [buildName, build] of builds) {
      const [p, f] = await runChecks(`${runtime} ${buildName} + ${storeName}`, build, store)
      passed += p
      failed += f
    }
    await store.dispose?.()
  }
  await redis?.quit()
  console.log(`${passed} passed, ${failed} failed`)
  return failed === 0 && passed > 0 ? 0 : 1
}

const watchdog = setTimeout(() => {
  console.log(`[runtimes] ${runtime}: the run took over ${RUN_LIMIT_MS} ms`)
  process.exit(1)
}, RUN_LIMIT_MS)
main().then(
  (code) => {
    clearTimeout(watchdog)
    process.exit(code)
  },
  (error: unknown) => {
    console.log(`[runtimes] ${runtime}: ${(error as Error).stack ?? error}`)
    process.exit(1)
  },
)

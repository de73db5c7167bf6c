import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

import { RecordingStore } from '@fly-session/core/testing'
import { session } from '@fly-session/express/compat'
import { MemoryStore } from '@fly-session/store-memory'
import { HttpClient, listen } from '@fly-session/testkit/http'
import express from 'express'
import { afterAll, describe, expect, it } from 'vitest'

import { createApp as expressAfter } from '../examples/express-after'
import { createApp as expressBefore } from '../examples/express-before'
import { createApps } from '../examples/express-shared-manager'
import { storeDown } from '../examples/express-store-errors'
import { createApp as koaAfter } from '../examples/koa-after'
import { createApp as koaBefore } from '../examples/koa-before'
import { FLY_SECRET, redisServer } from './support/stores'
import { form } from './support/transcript'

// The migration guides show the files of examples/ (```ts title="apps/compat-e2e/examples/…"```),
// and this file runs those files: every code block of the guides is code a test runs.
const root = join(import.meta.dirname, '../../..')
const guides = ['docs/migrating-from-express-session.md', 'docs/migrating-from-koa-session.md']

function quotedFiles(markdown: string): Array<{ path: string; code: string }> {
  const blocks = [...markdown.matchAll(/^```(\S*)([^\n]*)\n([\s\S]*?)^```$/gm)]
  return blocks.flatMap((block) => {
    const path = block[2]?.match(/title="([^"]+)"/)?.[1]
    return path === undefined ? [] : [{ path, code: block[3] ?? '' }]
  })
}

describe('the migration guides', () => {
  const quoted = guides.flatMap((guide) =>
    quotedFiles(readFileSync(join(root, guide), 'utf8')).map((block) => ({ guide, ...block })),
  )

  it.each(quoted.map((block) => [block.guide, block.path, block.code] as const))(
    '%s quotes %s exactly as it is in the repository',
    (_guide, path, code) => {
      expect(code).toBe(readFileSync(join(root, path), 'utf8'))
    },
  )

  it('quote every example file, and have no code block that is not one of them (except shell commands)', () => {
    const files = readdirSync(join(root, 'apps/compat-e2e/examples')).map(
      (file) => `apps/compat-e2e/examples/${file}`,
    )
    expect([...new Set(quoted.map((block) => block.path))].sort()).toEqual(files.sort())
    for (const guide of guides) {
      const markdown = readFileSync(join(root, guide), 'utf8')
      const unquoted = [...markdown.matchAll(/^```([^\n]*)$/gm)]
        .map((fence) => fence[1] ?? '')
        .filter((_info, index) => index % 2 === 0)
        .filter((info) => !info.includes('title="') && info !== 'sh')
      expect(unquoted, guide).toEqual([])
    }
  })
})

describe('the guides’ examples, run', () => {
  const redis = redisServer()
  const closing: Array<() => Promise<unknown>> = []
  afterAll(async () => {
    for (const close of closing.splice(0).reverse()) await close()
  })
  const env = () => ({
    REDIS_URL: redis.url(),
    SESSION_SECRET: FLY_SECRET,
    OLD_SESSION_SECRET: 'the-secret-express-session-used',
    APP_KEY: 'the-key-koa-session-signed-with',
  })

  it('Express: a user signed in on express-session + connect-redis is still signed in after the switch; passport works on', async () => {
    const before = await expressBefore(env())
    const oldServer = await listen(before.app)
    const browser = new HttpClient()
    await browser.request(`${oldServer.url}/login`, form({ username: 'ada', password: 'lovelace' }))
    expect((await browser.get(`${oldServer.url}/`)).json()).toEqual({ user: 'ada' })
    await oldServer.close()
    await before.close()

    const after = await expressAfter(env())
    closing.push(after.close)
    const server = await listen(after.app)
    closing.push(server.close)
    expect((await browser.get(`${server.url}/`)).json()).toEqual({ user: 'ada' })
    expect(browser.cookie('connect.sid', server.url)).toBeUndefined()
    expect((await browser.request(`${server.url}/logout`, { method: 'POST' })).status).toBe(302)
    expect((await browser.get(`${server.url}/`)).json()).toEqual({ user: null })
    const stranger = new HttpClient(server.url)
    await stranger.request('/login', form({ username: 'ada', password: 'wrong' }))
    expect((await stranger.get('/login')).json()).toEqual({ messages: ['Wrong username or password.'] })
  })

  it('Koa: a user signed in on koa-session is still signed in after the switch; koa-passport works on', async () => {
    const oldServer = await listen(koaBefore(env()).callback())
    const browser = new HttpClient()
    await browser.request(`${oldServer.url}/login`, form({ username: 'ada', password: 'lovelace' }))
    expect((await browser.get(`${oldServer.url}/`)).json()).toEqual({ user: 'ada' })
    await oldServer.close()

    const after = await koaAfter(env())
    closing.push(after.close)
    const server = await listen(after.app.callback())
    closing.push(server.close)
    expect((await browser.get(`${server.url}/`)).json()).toEqual({ user: 'ada' })
    expect(browser.cookie('koa.sess', server.url)).toBeUndefined()
    expect((await browser.request(`${server.url}/logout`, { method: 'POST' })).status).toBe(302)
    expect((await browser.get(`${server.url}/`)).json()).toEqual({ user: null })
  })
})

describe('the guides’ smaller examples, run', () => {
  it('storeDown answers 503 with Retry-After when the store is down', async () => {
    const store = new RecordingStore(new MemoryStore())
    const app = express()
    app.use(session({ store, secret: FLY_SECRET }))
    app.get('/', (req, res) => {
      req.session.visited = true
      res.json({})
    })
    app.use(storeDown)
    const server = await listen(app)
    const browser = new HttpClient(server.url)
    await browser.get('/')
    store.failing = 'all'
    const response = await browser.get('/')
    await server.close()
    expect({ status: response.status, retry: response.headers.get('retry-after') }).toEqual({
      status: 503,
      retry: '5',
    })
  })

  it('two apps on one manager share the session', async () => {
    const { api, admin } = createApps({ SESSION_SECRET: FLY_SECRET })
    api.get('/set', (req, res) => {
      req.session.team = 'blue'
      res.json({})
    })
    admin.get('/get', (req, res) => res.json({ team: req.session.team ?? null }))
    const [apiServer, adminServer] = await Promise.all([listen(api), listen(admin)])
    const browser = new HttpClient()
    await browser.get(`${apiServer.url}/set`)
    const answer = (await browser.get(`${adminServer.url}/get`)).json()
    await Promise.all([apiServer.close(), adminServer.close()])
    expect(answer).toEqual({ team: 'blue' })
  })
})

import { readFileSync } from 'node:fs'
import { HttpClient, type Listening, listen } from '@fly-session/testkit/http'
import { type RedisServerHandle, startRedisServer } from '@fly-session/testkit/redis'
import * as h3v1 from 'h3v1'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const fixture = (path: string) => new URL(`./fixtures/nuxt/${path}`, import.meta.url)
const EXAMPLE_FILES = ['server/utils/redis.ts', 'server/middleware/session.ts', 'server/api/visits.get.ts']

/** The fenced code blocks of a Markdown file that start with `// <path>`, by that path. */
function codeBlocksByPath(markdown: string): Map<string, string> {
  const blocks = new Map<string, string>()
  for (const [, code = ''] of markdown.matchAll(/```ts\n([\s\S]*?)```/g)) {
    const path = /^\/\/ (\S+)\n/.exec(code)?.[1]
    if (path !== undefined) blocks.set(path, code)
  }
  return blocks
}

// The files below are what a Nuxt 4 app holds under server/; Nuxt 4 runs them on h3 1.15
// (nitropack 2), and so does this test: middleware registered with app.use before the routes,
// h3's helpers as globals (Nitro's auto-imports), configuration from NUXT_* variables.
describe('the Nuxt 4 example of the @fly-session/h3 README, on h3 1.15 with Redis', () => {
  let redis: RedisServerHandle | undefined
  let server: Listening | undefined
  let quitClient: (() => Promise<unknown>) | undefined
  let listKeys: ((pattern: string) => Promise<string[]>) | undefined

  beforeAll(async () => {
    redis = await startRedisServer()
    process.env.NUXT_REDIS_URL = redis.url
    process.env.NUXT_SESSION_SECRET = 'nuxt-example-secret-that-is-long-enough'
    Object.assign(globalThis, { defineEventHandler: h3v1.defineEventHandler })
    const { redis: client } = await import('./fixtures/nuxt/server/utils/redis')
    quitClient = () => client.quit()
    listKeys = (pattern) => client.keys(pattern)
    const { default: sessionMiddleware } = await import('./fixtures/nuxt/server/middleware/session')
    const { default: visits } = await import('./fixtures/nuxt/server/api/visits.get')
    const app = h3v1.createApp()
    app.use(sessionMiddleware)
    app.use(h3v1.createRouter().get('/api/visits', visits))
    server = await listen(h3v1.toNodeListener(app))
  })
  afterAll(async () => {
    await server?.close()
    await quitClient?.()
    await redis?.stop()
    Reflect.deleteProperty(globalThis, 'defineEventHandler')
  })

  it('counts one visitor’s visits in a session kept in Redis', async () => {
    const visitor = new HttpClient(server!.url)
    for (const expected of [1, 2, 3]) {
      const response = await visitor.get('/api/visits')
      expect(response.status).toBe(200)
      expect(response.json()).toEqual({ visits: expected })
    }
    expect(await new HttpClient(server!.url).get('/api/visits').then((r) => r.json())).toEqual({ visits: 1 })
    expect(await listKeys!('fly:sess:*')).toHaveLength(2)
  })

  it('runs the very files the README shows', () => {
    const readme = readFileSync(new URL('../../../packages/h3/README.md', import.meta.url), 'utf8')
    const blocks = codeBlocksByPath(readme)
    for (const path of EXAMPLE_FILES) {
      expect(blocks.get(path), path).toBe(readFileSync(fixture(path), 'utf8'))
    }
  })
})

import fastifyPassport from '@fastify/passport'
import { createSessionManager, type SessionManager } from '@fly-session/core'
import { session } from '@fly-session/fastify'
import { MemoryStore } from '@fly-session/store-memory'
import { SUITE_SECRET } from '@fly-session/testkit/adapters'
import { HttpClient } from '@fly-session/testkit/http'
import Fastify, { type FastifyInstance } from 'fastify'
import { Strategy as LocalStrategy } from 'passport-local'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

interface User {
  id: string
  name: string
}

const USERS: Record<string, User & { password: string }> = {
  ada: { id: 'u-ada', name: 'Ada Lovelace', password: 'analytical' },
}

// @fastify/passport 4 and passport-local, used as their READMEs say, over a real port: the
// only fly-session code is the plugin registration.
describe('@fastify/passport 4 + passport-local on @fly-session/fastify', () => {
  const store = new MemoryStore()
  const manager: SessionManager = createSessionManager({ store, secret: SUITE_SECRET })
  let app: FastifyInstance
  let url: string

  beforeAll(async () => {
    app = Fastify()
    await app.register(session, manager)
    await app.register(fastifyPassport.initialize())
    await app.register(fastifyPassport.secureSession())
    fastifyPassport.use(
      'local',
      new LocalStrategy((username, password, done) => {
        const user = USERS[username]
        done(
          null,
          user !== undefined && user.password === password ? { id: user.id, name: user.name } : false,
        )
      }),
    )
    fastifyPassport.registerUserSerializer(async (user: User) => user.id)
    fastifyPassport.registerUserDeserializer(async (id: string) => {
      const user = Object.values(USERS).find((candidate) => candidate.id === id)
      return user === undefined ? null : { id: user.id, name: user.name }
    })
    app.get('/visit', async (request) => {
      request.session.set('visits' as never, 1 as never)
      return { ok: true }
    })
    app.post('/login', { preValidation: fastifyPassport.authenticate('local') }, async (request) => ({
      user: request.user,
    }))
    app.get('/me', async (request, reply) => {
      if (!request.isAuthenticated()) return reply.status(401).send({ user: null })
      return { user: request.user, visits: request.session.get('visits' as never) ?? null }
    })
    app.post('/logout', async (request) => {
      await request.logout()
      return { loggedOut: true }
    })
    await app.listen({ port: 0, host: '127.0.0.1' })
    url = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`
  })
  afterAll(async () => {
    await app.close()
    await store.dispose()
  })

  function login(browser: HttpClient, password: string) {
    return browser.request('/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'ada', password }),
    })
  }

  it('logs in, serves an authenticated request, and logs out', async () => {
    const browser = new HttpClient(url)
    expect((await browser.get('/me')).status).toBe(401)

    const refused = await login(browser, 'wrong')
    expect(refused.status).toBe(401)
    expect(browser.cookie('sid')).toBeUndefined()

    await browser.get('/visit')
    const anonymous = browser.cookie('sid')
    expect(anonymous).toBeDefined()

    const loggedIn = await login(browser, 'analytical')
    expect(loggedIn.status).toBe(200)
    expect(loggedIn.json()).toEqual({ user: { id: 'u-ada', name: 'Ada Lovelace' } })
    // passport regenerates on login: a new ID, and (clearSessionOnLogin) only its own fields kept.
    const authenticated = browser.cookie('sid')
    expect(authenticated).toBeDefined()
    expect(authenticated).not.toBe(anonymous)

    const me = await browser.get('/me')
    expect(me.status).toBe(200)
    expect(me.json()).toEqual({ user: { id: 'u-ada', name: 'Ada Lovelace' }, visits: null })
    // The session from before the login is gone: its cookie authenticates nothing.
    expect((await new HttpClient(url).get('/me', { cookie: `sid=${anonymous}` })).status).toBe(401)

    const logout = await browser.request('/logout', { method: 'POST' })
    expect(logout.status).toBe(200)
    expect((await browser.get('/me')).status).toBe(401)
    // Logout regenerates too: the authenticated cookie, replayed, is no longer logged in.
    expect((await new HttpClient(url).get('/me', { cookie: `sid=${authenticated}` })).status).toBe(401)
  })
})

import { createSessionManager, type SessionManager } from '@fly-session/core'
import { MemoryStore } from '@fly-session/store-memory'
import { behaviourRoutes, Gates, type RunningApp, type SessionSnapshot } from '@fly-session/testkit/adapters'
import { HttpClient } from '@fly-session/testkit/http'
import express from 'express'
import express4 from 'express4'
import Koa from 'koa'
import Koa2 from 'koa2'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startExpress } from './apps/express'
import { startFastify } from './apps/fastify'
import { startH3v1, startH3v2 } from './apps/h3'
import { startKoa } from './apps/koa'
import { startOnNode } from './apps/node-web'
import { buildHonoApp, buildWithSessionApp } from './apps/web'

// One manager (one store, one secret) behind nine apps on nine ports of 127.0.0.1. Cookies are
// per host, not per port, so one client's jar carries the same session cookie to all of them.
describe('one SessionManager shared by Express, Koa, h3, Fastify, Hono and withSession apps', () => {
  const store = new MemoryStore()
  const manager: SessionManager = createSessionManager({
    store,
    secret: 'cross-framework-secret-that-is-long-enough',
  })
  const starters = {
    'Express 5': startExpress(express),
    'Express 4': startExpress(express4),
    'Koa 3': startKoa(Koa),
    'Koa 2': startKoa(Koa2),
    'h3 2': startH3v2,
    'h3 1.15': startH3v1,
    'Fastify 5': startFastify,
    'Hono 4': startOnNode(buildHonoApp),
    withSession: startOnNode(buildWithSessionApp),
  }
  const apps = new Map<string, RunningApp>()

  beforeAll(async () => {
    const routes = behaviourRoutes(manager, new Gates())
    for (const [name, start] of Object.entries(starters)) apps.set(name, await start(manager, routes))
  })
  afterAll(async () => {
    await Promise.all([...apps.values()].map((app) => app.close()))
    await store.dispose()
  })

  function at(name: string, path: string): string {
    return `${apps.get(name)!.url}${path}`
  }

  it('reads and changes through each app a session written through another', async () => {
    const client = new HttpClient()
    await client.get(at('Express 5', '/write?step=0'))
    const names = Object.keys(starters)
    for (const [index, name] of names.entries()) {
      // Each app sees the attribute the previous app wrote, then writes its own.
      const previous = names[(index + names.length - 1) % names.length]!
      const read = (await client.get(at(name, '/read'))).json<SessionSnapshot>()
      expect(read.isNew, name).toBe(false)
      expect(read.attributes.by, name).toBe(index === 0 ? undefined : previous)
      await client.get(at(name, `/write?by=${encodeURIComponent(name)}&step=${index + 1}`))
    }
    const final = (await client.get(at('Koa 3', '/read'))).json<SessionSnapshot>()
    expect(final.attributes).toEqual({ step: String(names.length), by: 'withSession' })
  })

  it('keeps a session written by Express, changed by Fastify, as Hono reads it', async () => {
    const client = new HttpClient()
    await client.get(at('Express 5', '/write?cart=1&from=express'))
    const changed = await client.get(at('Fastify 5', '/write?cart=2'))
    expect(changed.json<SessionSnapshot>().attributes).toEqual({ cart: '2', from: 'express' })
    const read = (await client.get(at('Hono 4', '/read'))).json<SessionSnapshot>()
    expect(read).toEqual({ isNew: false, principal: null, attributes: { cart: '2', from: 'express' } })
  })

  it('keeps a login from one app, and a logout from another ends it everywhere', async () => {
    const client = new HttpClient()
    await client.get(at('Koa 2', '/login?user=ada'))
    for (const name of Object.keys(starters)) {
      expect((await client.get(at(name, '/read'))).json<SessionSnapshot>().principal, name).toBe('ada')
    }
    const logout = await client.get(at('h3 1.15', '/logout'))
    expect(logout.status).toBe(200)
    for (const name of Object.keys(starters)) {
      expect((await client.get(at(name, '/read'))).json<SessionSnapshot>().isNew, name).toBe(true)
    }
  })
})

import { HttpClient } from '@fly-session/testkit/http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { nuxtApp } from '../src/apps'
import { reportH3 } from '../src/h3-versions'
import { type OutputServer, startOutputServer } from '../src/server'
import { createTempApp, type TempApp } from '../src/temp-app'
import { allPackedPackages } from './support/packed'

describe('the same Nuxt 4 app installed with pnpm (strict node_modules)', () => {
  let app: TempApp
  let server: OutputServer

  beforeAll(async () => {
    app = await createTempApp(nuxtApp, 'pnpm', allPackedPackages())
    const buildMs = await app.exec(...nuxtApp.build)
    console.info(`[nuxt-e2e] Nuxt app (pnpm): install ${app.installMs} ms, build ${buildMs} ms`)
    server = await startOutputServer(
      app.dir,
      nuxtApp.env({ secret: 'nuxt-e2e pnpm secret of at least 32 characters' }),
    )
  })
  afterAll(async () => {
    await server?.stop()
    app?.remove()
  })

  it('installs no second h3: the adapter and the build use Nuxt’s h3 1.15, and the root resolves none', () => {
    const report = reportH3(app.dir, nuxtApp.frameworkChain)
    console.info(`[nuxt-e2e] Nuxt app (pnpm) h3: ${JSON.stringify(report)}`)
    expect(report.framework).toMatch(/^1\.15\./)
    expect(report).toEqual({
      // pnpm links only an app's own dependencies at its root; the app names no h3.
      root: undefined,
      installed: [report.framework],
      adapter: report.framework,
      framework: report.framework,
      built: [], // Nuxt inlines h3 into the server bundle
    })
  })

  it('serves the session from the build: write, in-process write, SSR read', async () => {
    const client = new HttpClient(server.url)
    expect((await client.request('/api/visit', { method: 'POST' })).json()).toEqual({ visits: 1 })
    expect((await client.request('/api/visit-in-process', { method: 'POST' })).json()).toEqual({
      inner: { visits: 2 },
    })
    expect((await client.get('/')).text).toContain('visits: 2')
  })
})

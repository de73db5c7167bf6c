import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { nuxtApp } from '../src/apps'
import { reportH3 } from '../src/h3-versions'
import { startOutputServer } from '../src/server'
import { createTempApp, type TempApp } from '../src/temp-app'
import { allPackedPackages } from './support/packed'
import { describeServedApp } from './support/served-app'
import { typecheckApp } from './support/typecheck'

describe('a fresh Nuxt 4 app with @fly-session/nuxt from the tarballs, installed with npm and built with nuxt build', () => {
  let app: TempApp

  beforeAll(async () => {
    app = await createTempApp(nuxtApp, 'npm', allPackedPackages())
    await app.exec(...nuxtApp.prepare!)
    const buildMs = await app.exec(...nuxtApp.build)
    console.info(`[nuxt-e2e] Nuxt app (npm): install ${app.installMs} ms, build ${buildMs} ms`)
  })
  afterAll(() => app?.remove())

  it('keeps Nuxt’s own h3 1.15 the only h3: at the root, for the adapter and in the build', () => {
    const report = reportH3(app.dir, nuxtApp.frameworkChain)
    console.info(`[nuxt-e2e] Nuxt app (npm) h3: ${JSON.stringify(report)}`)
    expect(report.framework).toMatch(/^1\.15\./)
    expect(report).toEqual({
      root: report.framework,
      installed: [report.framework],
      adapter: report.framework,
      framework: report.framework,
      built: [], // Nuxt inlines h3 into the server bundle
    })
  })

  it('typechecks server/ with the SessionData augmentation and the auto-imported utils', async () => {
    expect(await typecheckApp(nuxtApp, app.dir)).toEqual({ code: 0, output: '' })
  })

  it('refuses to start without NUXT_SESSION_SECRET, saying so', async () => {
    await expect(startOutputServer(app.dir, {})).rejects.toThrow(/NUXT_SESSION_SECRET is not set/)
  })

  describeServedApp(nuxtApp, () => app.dir)
})

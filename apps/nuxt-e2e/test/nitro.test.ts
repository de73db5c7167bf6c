import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { nitroApp } from '../src/apps'
import { reportH3 } from '../src/h3-versions'
import { createTempApp, type TempApp } from '../src/temp-app'
import { allPackedPackages } from './support/packed'
import { describeServedApp } from './support/served-app'
import { typecheckApp } from './support/typecheck'

describe('a Nitro 3 (h3 2) app with @fly-session/h3 from the tarballs, installed with npm and built with nitro build', () => {
  let app: TempApp

  beforeAll(async () => {
    app = await createTempApp(nitroApp, 'npm', allPackedPackages())
    const buildMs = await app.exec(...nitroApp.build)
    console.info(`[nuxt-e2e] Nitro 3 app (npm): install ${app.installMs} ms, build ${buildMs} ms`)
  })
  afterAll(() => app?.remove())

  it('keeps Nitro’s own h3 2 the only h3: at the root, for the adapter and in the build', () => {
    const report = reportH3(app.dir, nitroApp.frameworkChain)
    console.info(`[nuxt-e2e] Nitro 3 app (npm) h3: ${JSON.stringify(report)}`)
    expect(report.framework).toMatch(/^2\./)
    expect(report).toEqual({
      root: report.framework,
      installed: [report.framework],
      adapter: report.framework,
      framework: report.framework,
      built: [report.framework],
    })
  })

  it('typechecks its routes with the FlySession.SessionData declaration', async () => {
    expect(await typecheckApp(nitroApp, app.dir)).toEqual({ code: 0, output: '' })
  })

  describeServedApp(nitroApp, () => app.dir)
})

import { launchBrowserDevice } from '@fly-session/testkit/browser'
import { chromium } from 'playwright-core'
import { startPlayground } from './src/playground'

const pg = await startPlayground({ port: 0, log: (l) => console.log('LOG', l) })
const d = await launchBrowserDevice(chromium)
const page = d.context.pages()[0] ?? (await d.context.newPage())
page.on('console', (m) => console.log('CONSOLE', m.type(), m.text()))
page.on('pageerror', (e) => console.log('PAGEERROR', e.message))
await page.goto(pg.url)
await page.waitForTimeout(1500)
console.log(
  await page.locator('#signed-out').isVisible(),
  await page.locator('#signed-in').isVisible(),
  await page.evaluate(() => [
    document.getElementById('signed-out').hidden,
    document.getElementById('signed-in').hidden,
    getComputedStyle(document.getElementById('signed-in')).display,
  ]),
)
await d.close()
await pg.close()

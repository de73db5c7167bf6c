import type { BrowserContext, Page } from 'playwright-core'

import type { Framework } from '../src/api'

/** How long one user action may take before the test gives up: generous for a busy 2-core CI. */
const ACTION_TIMEOUT = 15_000

/** One row of "Your sessions" as the user sees it. */
export interface SessionRow {
  label: string
  current: boolean
  revocable: boolean
}

/**
 * The playground page in one browser, driven as a user would: clicks and typing only. Every
 * action waits until the page has rendered the server's answer to it (`data-renders` on
 * <body> counts finished actions), so reads after it see that answer and nothing older.
 */
export class PlaygroundPage {
  private constructor(
    readonly page: Page,
    private readonly context: BrowserContext,
  ) {}

  /** Opens the page in the context's first tab and waits for its first render. */
  static async open(context: BrowserContext, url: string): Promise<PlaygroundPage> {
    const page = context.pages()[0] ?? (await context.newPage())
    page.setDefaultTimeout(ACTION_TIMEOUT)
    const opened = new PlaygroundPage(page, context)
    await page.goto(url)
    await opened.firstRender()
    return opened
  }

  /** Loads the page again, as the browser's reload button does. */
  async reload(): Promise<void> {
    await this.page.reload()
    await this.firstRender()
  }

  /** Chooses the framework for sign-in, refresh, revoke and sign-out. */
  async use(framework: Framework): Promise<void> {
    await this.page.locator(`input[name="via"][value="${framework}"]`).check()
  }

  signIn(name: string): Promise<void> {
    return this.act(async () => {
      await this.page.getByLabel('Your name').fill(name)
      await this.page.getByRole('button', { name: 'Sign in' }).click()
    })
  }

  increment(framework: Framework): Promise<void> {
    return this.act(() => this.page.locator(`button[data-increment="${framework}"]`).click())
  }

  refresh(): Promise<void> {
    return this.act(() => this.page.getByRole('button', { name: 'Refresh' }).click())
  }

  /** Clicks "Revoke" on the one session listed that is not this browser's. */
  revokeOther(): Promise<void> {
    return this.act(() => this.page.locator('#sessions li:not(.current) .revoke').click())
  }

  signOutEverywhereElse(): Promise<void> {
    return this.act(() => this.page.getByRole('button', { name: 'Sign out everywhere else' }).click())
  }

  signOut(): Promise<void> {
    return this.act(() => this.page.getByRole('button', { name: 'Sign out', exact: true }).click())
  }

  async isSignedIn(): Promise<boolean> {
    const signedIn = await this.page.locator('#signed-in').isVisible()
    const signedOut = await this.page.locator('#signed-out').isVisible()
    if (signedIn === signedOut) throw new Error('the page shows both or neither of its states')
    return signedIn
  }

  async text(selector: string): Promise<string> {
    return (await this.page.locator(selector).textContent()) ?? ''
  }

  /** The instant a <time> element shows, epoch milliseconds. */
  async time(selector: string): Promise<number> {
    return Date.parse((await this.page.locator(selector).getAttribute('datetime')) ?? '')
  }

  /** The notice line, or `undefined` when none is shown. */
  async notice(): Promise<string | undefined> {
    const notice = this.page.locator('#notice')
    return (await notice.isVisible()) ? ((await notice.textContent()) ?? '') : undefined
  }

  async sessions(): Promise<SessionRow[]> {
    return this.page.locator('#sessions li').evaluateAll((rows) =>
      rows.map((row) => ({
        label: row.querySelector('.label')?.textContent ?? '',
        current: row.classList.contains('current'),
        revocable: row.querySelector('.revoke') !== null,
      })),
    )
  }

  /** The ID part of this browser's session cookie (`<id>.<signature>`), if it has one. */
  async sessionId(url: string): Promise<string | undefined> {
    const cookie = (await this.context.cookies(url)).find(({ name }) => name === 'sid')
    return cookie?.value.split('.')[0]
  }

  async sessionCookieCount(url: string): Promise<number> {
    return (await this.context.cookies(url)).filter(({ name }) => name === 'sid').length
  }

  private async firstRender(): Promise<void> {
    await this.page.waitForFunction(() => Number(document.body.dataset.renders) >= 1)
  }

  private async act(action: () => Promise<void>): Promise<void> {
    const before = Number(await this.page.locator('body').getAttribute('data-renders'))
    await action()
    await this.page.waitForFunction((count) => Number(document.body.dataset.renders) > count, before)
  }
}

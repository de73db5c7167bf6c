import { existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/**
 * Real browsers for end-to-end tests: Debian's chromium, one persistent context per "device".
 *
 * The caller passes playwright-core's `chromium`, so this kit adds no browser dependency to
 * suites that never open one, and every type the caller sees stays Playwright's own.
 */

/** Where chromium is: `CHROMIUM_PATH`, else Debian's `/usr/bin/chromium`. */
export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
}

/**
 * Flags that keep a headless chromium quiet and self-contained on a CI machine: no sandbox
 * (containers run as root), no GPU, and no calls home (the network is loopback only).
 */
export const CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

/** The options this kit launches with; a subset of Playwright's persistent-context options. */
export interface DeviceLaunchOptions {
  executablePath: string
  headless: boolean
  args: string[]
  viewport: { width: number; height: number }
}

/** What a browser context must offer to be closed by this kit (Playwright's `BrowserContext` does). */
export interface ClosableContext {
  close(): Promise<void>
}

/** A browser type that opens persistent contexts: playwright-core's `chromium`. */
export interface PersistentContextLauncher<C extends ClosableContext> {
  launchPersistentContext(userDataDir: string, options: DeviceLaunchOptions): Promise<C>
}

/** One "device": its own browser profile, so its own cookie jar. */
export interface BrowserDevice<C extends ClosableContext> {
  context: C
  /** Closes the browser and deletes its profile directory. */
  close(): Promise<void>
}

/**
 * Launches one device: a persistent context in a fresh temporary profile. Two devices share
 * nothing, as two computers would not. Throws with the install command when chromium is missing.
 */
export async function launchBrowserDevice<C extends ClosableContext>(
  launcher: PersistentContextLauncher<C>,
  options: { viewport?: { width: number; height: number } } = {},
): Promise<BrowserDevice<C>> {
  const executablePath = chromiumPath()
  if (!existsSync(executablePath)) {
    throw new Error(
      `No chromium at ${executablePath}. Install it (apt-get install -y chromium) or set CHROMIUM_PATH.`,
    )
  }
  const profile = await mkdtemp(join(tmpdir(), 'fly-session-browser-'))
  try {
    const context = await launcher.launchPersistentContext(profile, {
      executablePath,
      headless: true,
      args: [...CHROMIUM_ARGS],
      viewport: options.viewport ?? { width: 1100, height: 1000 },
    })
    return {
      context,
      async close() {
        await context.close()
        await rm(profile, { recursive: true, force: true })
      },
    }
  } catch (error) {
    await rm(profile, { recursive: true, force: true })
    throw error
  }
}

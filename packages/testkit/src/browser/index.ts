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

/** A browser type that opens persistent contexts: playwright-core's `chromium`. */
export interface PersistentContextLauncher<C> {
  launchPersistentContext(userDataDir: string, options: Record<string, unknown>): Promise<C>
}

/** One "device": its own browser profile, so its own cookie jar. */
export interface BrowserDevice<C> {
  context: C
  /** Closes the browser and deletes its profile directory. */
  close(): Promise<void>
}

/**
 * Quiet and self-contained on a CI machine: no sandbox (containers run as root), no GPU, no
 * calls home (the network is loopback only).
 */
const CHROMIUM_ARGS =
  '--no-sandbox --disable-gpu --no-first-run --disable-background-networking --disable-component-update --disable-sync'

/**
 * Launches one device: a persistent context in a fresh temporary profile, 1100×1000. Two devices
 * share nothing, as two computers would not. Chromium is `CHROMIUM_PATH`, else Debian's
 * `/usr/bin/chromium`; throws with the install command when it is missing.
 */
export async function launchBrowserDevice<C extends { close(): Promise<void> }>(
  launcher: PersistentContextLauncher<C>,
): Promise<BrowserDevice<C>> {
  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
  if (!existsSync(executablePath)) {
    throw new Error(
      `No chromium at ${executablePath}. Install it (apt-get install -y chromium) or set CHROMIUM_PATH.`,
    )
  }
  const profile = await mkdtemp(join(tmpdir(), 'fly-session-browser-'))
  const removeProfile = () => rm(profile, { recursive: true, force: true })
  try {
    const context = await launcher.launchPersistentContext(profile, {
      executablePath,
      headless: true,
      args: CHROMIUM_ARGS.split(' '),
      viewport: { width: 1100, height: 1000 },
    })
    return { context, close: () => context.close().then(removeProfile) }
  } catch (error) {
    await removeProfile()
    throw error
  }
}

import { createRequire } from 'node:module'

import { run } from '@fly-session/release-check/src/run'

import type { AppUnderTest } from '../../src/apps'
import { appEnv } from '../../src/env'

const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc')

/** The workspace's TypeScript over the app's server code, as the app's own tsconfig says; the compiler's output. */
export async function typecheckApp(
  app: AppUnderTest,
  dir: string,
): Promise<{ code: number | null; output: string }> {
  const result = await run(process.execPath, [tsc, '-p', app.tsconfig, '--pretty', 'false'], {
    cwd: dir,
    env: appEnv(),
    timeoutMs: 120_000,
  })
  return { code: result.code, output: result.stdout + result.stderr }
}

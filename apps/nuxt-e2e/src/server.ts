import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { join } from 'node:path'

import { appEnv } from './env'

/** Milliseconds a built server may take to print where it listens. */
const START_TIMEOUT_MS = 20_000

/** A production server started from `.output/server/index.mjs`. */
export interface OutputServer {
  /** `http://127.0.0.1:<port>` */
  url: string
  /** What the server printed so far (stdout and stderr). */
  output(): string
  stop(): Promise<void>
}

/**
 * Starts a Nitro build's Node server (`node .output/server/index.mjs`) on a free port (PORT=0)
 * and resolves once it prints `Listening on http://...:<port>`. Rejects with its output if it
 * exits or stays silent first.
 */
export function startOutputServer(appDir: string, env: NodeJS.ProcessEnv): Promise<OutputServer> {
  const child = spawn(process.execPath, [join(appDir, '.output/server/index.mjs')], {
    cwd: appDir,
    env: appEnv({ NODE_ENV: 'production', ...env, PORT: '0', NITRO_PORT: '0' }),
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  const exited = once(child, 'exit')
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM')
      await exited
    }
  }
  let listening = false
  return new Promise((resolve, reject) => {
    const fail = (reason: string) => {
      clearTimeout(timer)
      child.kill('SIGKILL')
      reject(new Error(`[nuxt-e2e] .output/server/index.mjs ${reason}\n${output}`))
    }
    const timer = setTimeout(() => fail(`printed no address within ${START_TIMEOUT_MS} ms`), START_TIMEOUT_MS)
    const collect = (chunk: Buffer) => {
      output += chunk
      const port = /Listening on https?:\/\/\S*?:(\d+)/.exec(output)?.[1]
      if (port === undefined || listening) return
      listening = true
      clearTimeout(timer)
      resolve({ url: `http://127.0.0.1:${port}`, output: () => output, stop })
    }
    child.stdout.on('data', collect)
    child.stderr.on('data', collect)
    child.once('exit', (code, signal) => {
      if (!listening) fail(`exited (${code ?? signal}) before listening`)
    })
  })
}

import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { createServer } from 'node:net'
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
 * A port the OS reports free. Passed as a number: Nitro 3 reads `PORT=0` as "unset" and falls
 * back to 3000, so a playground left running there made its tests fail.
 */
async function freePort(): Promise<number> {
  const probe = createServer().listen(0)
  await once(probe, 'listening')
  const { port } = probe.address() as { port: number }
  probe.close()
  await once(probe, 'close')
  return port
}

/**
 * Starts a Nitro build's Node server (`node .output/server/index.mjs`) on a free port and
 * resolves once it prints `Listening on http://...:<port>`. Rejects with its output if it
 * exits or stays silent first.
 */
export async function startOutputServer(appDir: string, env: NodeJS.ProcessEnv): Promise<OutputServer> {
  const port = String(await freePort())
  const child = spawn(process.execPath, [join(appDir, '.output/server/index.mjs')], {
    cwd: appDir,
    env: appEnv({ NODE_ENV: 'production', ...env, PORT: port, NITRO_PORT: port }),
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
  return new Promise<OutputServer>((resolve, reject) => {
    const fail = (reason: string) => {
      clearTimeout(timer)
      child.kill('SIGKILL')
      reject(new Error(`[nuxt-e2e] .output/server/index.mjs ${reason}\n${output}`))
    }
    const timer = setTimeout(() => fail(`printed no address within ${START_TIMEOUT_MS} ms`), START_TIMEOUT_MS)
    const collect = (chunk: Buffer) => {
      output += chunk
      const printed = /Listening on https?:\/\/\S*?:(\d+)/.exec(output)?.[1]
      if (printed === undefined || listening) return
      listening = true
      clearTimeout(timer)
      resolve({ url: `http://127.0.0.1:${printed}`, output: () => output, stop })
    }
    child.stdout.on('data', collect)
    child.stderr.on('data', collect)
    child.once('exit', (code, signal) => {
      if (!listening) fail(`exited (${code ?? signal}) before listening`)
    })
  })
}

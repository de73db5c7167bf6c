import { type ChildProcess, spawn } from 'node:child_process'
import { once } from 'node:events'

/** Milliseconds an app may take to print its port. */
const START_TIMEOUT_MS = 20_000

export interface RunningApp {
  /** `http://127.0.0.1:<port>` */
  url: string
  stop(): Promise<void>
}

function exited(child: ChildProcess): Promise<unknown> {
  return child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : once(child, 'exit')
}

/**
 * Starts `node <file>` in the smoke project and resolves once it prints `listening <port>`.
 * Rejects with the app's own output if it exits or stays silent first.
 */
export function startApp(projectDir: string, file: string, env: NodeJS.ProcessEnv): Promise<RunningApp> {
  const child = spawn('node', [file], { cwd: projectDir, env: { ...process.env, ...env }, stdio: 'pipe' })
  let output = ''
  return new Promise((resolve, reject) => {
    const fail = (reason: string) => {
      clearTimeout(timer)
      child.kill('SIGKILL')
      reject(new Error(`[release-check] ${file} ${reason}\n${output}`))
    }
    const timer = setTimeout(() => fail(`printed no port within ${START_TIMEOUT_MS} ms`), START_TIMEOUT_MS)
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk
    })
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk
      const port = output.match(/listening (\d+)/)?.[1]
      if (port === undefined) return
      clearTimeout(timer)
      resolve({
        url: `http://127.0.0.1:${port}`,
        async stop() {
          child.kill('SIGTERM')
          await exited(child)
        },
      })
    })
    child.once('exit', (code, signal) => fail(`exited (${code ?? signal}) before listening`))
  })
}

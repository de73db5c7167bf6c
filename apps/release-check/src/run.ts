import { execFile } from 'node:child_process'

export interface RunResult {
  code: number | null
  stdout: string
  stderr: string
}

export interface RunOptions {
  cwd: string
  env?: NodeJS.ProcessEnv
  /** Milliseconds before the command is killed (SIGKILL) and the result reports it. */
  timeoutMs?: number
}

/** The environment every child command gets: no telemetry, no update nags, no colours to parse. */
export function quietEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    TURBO_TELEMETRY_DISABLED: '1',
    NO_UPDATE_NOTIFIER: '1',
    npm_config_update_notifier: 'false',
    npm_config_fund: 'false',
    npm_config_audit: 'false',
    FORCE_COLOR: '0',
    NO_COLOR: '1',
    ...extra,
  }
}

/** Runs a command to completion and captures its output; rejects only when it cannot start. */
export function run(command: string, args: string[], options: RunOptions): Promise<RunResult> {
  const timeout = options.timeoutMs ?? 120_000
  return new Promise((resolve, reject) => {
    const env = options.env ?? quietEnv()
    const settings = {
      cwd: options.cwd,
      env,
      timeout,
      killSignal: 'SIGKILL',
      maxBuffer: 256 * 2 ** 20,
    } as const
    const child = execFile(command, args, settings, (error, stdout, stderr) => {
      if (error?.code === 'ENOENT') return reject(error)
      const killed = error?.killed
        ? `\n[release-check] killed after ${timeout} ms: ${command} ${args.join(' ')}`
        : ''
      resolve({
        code: error ? (typeof error.code === 'number' ? error.code : null) : 0,
        stdout,
        stderr: stderr + killed,
      })
    })
    // Nothing is ever typed in: a command that waits for input fails instead of hanging.
    child.stdin?.end()
  })
}

/** Like `run`, but rejects with the command's output when it exits non-zero. */
export async function runOk(command: string, args: string[], options: RunOptions): Promise<RunResult> {
  const result = await run(command, args, options)
  if (result.code !== 0) {
    throw new Error(
      `[release-check] \`${command} ${args.join(' ')}\` in ${options.cwd} exited ${result.code}\n${result.stdout}\n${result.stderr}`,
    )
  }
  return result
}

import { execFile } from 'node:child_process'
import { promisify } from 'node:util'

export interface RunOptions {
  cwd: string
  env?: NodeJS.ProcessEnv
  /** Milliseconds before the command is killed (SIGKILL) and the result reports it. */
  timeoutMs?: number
}

const execFileAsync = promisify(execFile)

/** The environment every child command gets: no telemetry, no update nags, no colours to parse. */
export function quietEnv(): NodeJS.ProcessEnv {
  return {
    ...process.env,
    NO_UPDATE_NOTIFIER: '1',
    npm_config_update_notifier: 'false',
    npm_config_fund: 'false',
    npm_config_audit: 'false',
    FORCE_COLOR: '0',
    NO_COLOR: '1',
  }
}

/** Runs a command to completion and captures its output; rejects only when it cannot start. */
export async function run(command: string, args: string[], options: RunOptions) {
  const timeout = options.timeoutMs ?? 120_000
  const settings = { cwd: options.cwd, env: options.env ?? quietEnv(), timeout, maxBuffer: 2 ** 28 }
  const running = execFileAsync(command, args, { ...settings, killSignal: 'SIGKILL' })
  // Nothing is ever typed in: a command that waits for input fails instead of hanging.
  running.child.stdin?.end()
  try {
    return { code: 0 as number | null, ...(await running) }
  } catch (caught) {
    const error = caught as NodeJS.ErrnoException & { stdout: string; stderr: string; killed?: boolean }
    if (error.code === 'ENOENT') throw error
    const killed = error.killed
      ? `\n[release-check] killed after ${timeout} ms: ${command} ${args.join(' ')}`
      : ''
    return {
      code: typeof error.code === 'number' ? error.code : null,
      stdout: error.stdout,
      stderr: error.stderr + killed,
    }
  }
}

/** Like `run`, but rejects with the command's output when it exits non-zero. */
export async function runOk(command: string, args: string[], options: RunOptions) {
  const result = await run(command, args, options)
  if (result.code !== 0) {
    throw new Error(
      `[release-check] \`${command} ${args.join(' ')}\` in ${options.cwd} exited ${result.code}\n${result.stdout}\n${result.stderr}`,
    )
  }
  return result
}

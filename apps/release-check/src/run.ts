import { spawn } from 'node:child_process'

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

/** Runs a command to completion and captures its output; never throws on a non-zero exit. */
export function run(command: string, args: string[], options: RunOptions): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? quietEnv(),
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk
    })
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk
    })
    const timeoutMs = options.timeoutMs ?? 120_000
    const timer = setTimeout(() => {
      stderr += `\n[release-check] killed after ${timeoutMs} ms: ${command} ${args.join(' ')}`
      child.kill('SIGKILL')
    }, timeoutMs)
    child.once('error', (error) => {
      clearTimeout(timer)
      reject(error)
    })
    child.once('close', (code) => {
      clearTimeout(timer)
      resolve({ code, stdout, stderr })
    })
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

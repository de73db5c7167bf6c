import { execFile } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'

/**
 * Runs one of the bench's worker bundles (dist/<name>.js) to completion in a fresh `node`, pinned
 * to `cpus` through `taskset` when given, and returns what it printed as JSON. A failure or the
 * timeout rejects with the worker's stderr.
 */
export async function runJsonWorker<T>(
  name: string,
  args: readonly string[],
  options: { nodeFlags?: readonly string[]; cpus?: string; env?: NodeJS.ProcessEnv; timeoutMs: number },
): Promise<T> {
  const entry = fileURLToPath(new URL(`./${name}.js`, import.meta.url))
  const node = [process.execPath, ...(options.nodeFlags ?? []), entry, ...args]
  const [command, ...rest] = options.cpus ? ['taskset', '-c', options.cpus, ...node] : node
  const { stdout } = await promisify(execFile)(command!, rest, {
    timeout: options.timeoutMs,
    killSignal: 'SIGKILL',
    env: options.env ?? process.env,
  })
  return JSON.parse(stdout) as T
}

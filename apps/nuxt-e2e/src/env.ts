import { quietEnv } from '@fly-session/release-check/src/run'

/** pnpm's additions to a script's environment, meant for the workspace only. */
const workspaceOnly = (name: string) =>
  name === 'NODE_PATH' || name.startsWith('npm_') || name.startsWith('PNPM_')

/**
 * The environment of every command run in a test app: the release checks' quiet one, without
 * what pnpm put there for the workspace. pnpm sets `NODE_PATH` to the workspace's hoisted
 * packages (the app would resolve an h3 it never installed) and `npm_*` values npm would
 * apply as its own config.
 */
export function appEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const quiet = quietEnv()
  const env = Object.fromEntries(
    Object.entries(quiet).filter(([name]) => !(workspaceOnly(name) && name in process.env)),
  )
  return { ...env, ...extra }
}

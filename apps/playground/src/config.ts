import { DEFAULT_PORT, type PlaygroundOptions } from './playground'

/**
 * The start command's options from the environment: `PORT` (default 3000), `HOST` (default
 * localhost), `REDIS_URL` (RedisStore; MemoryStore without it) and `SESSION_SECRET` (random per
 * start without it).
 */
export function optionsFromEnv(env: NodeJS.ProcessEnv): PlaygroundOptions {
  const options: PlaygroundOptions = {
    port: parsePort(env.PORT),
    store: env.REDIS_URL ? { kind: 'redis', url: env.REDIS_URL } : { kind: 'memory' },
  }
  if (env.HOST) options.host = env.HOST
  if (env.SESSION_SECRET) options.secret = env.SESSION_SECRET
  return options
}

function parsePort(value: string | undefined): number {
  if (value === undefined || value === '') return DEFAULT_PORT
  const port = Number(value)
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be a whole number from 0 to 65535, not "${value}"`)
  }
  return port
}

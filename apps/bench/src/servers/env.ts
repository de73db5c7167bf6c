import { REDIS_URL_ENV } from '../protocol'

/** The store a server variant uses (`memory`, `redis`, `cookie`), from its first argument. */
export function storeMode(): string {
  const mode = process.argv[2]
  if (mode === undefined) throw new Error('[bench] server started without a store mode argument')
  return mode
}

/** The Redis URL the bench gave this server. */
export function redisUrl(): string {
  const url = process.env[REDIS_URL_ENV]
  if (!url) throw new Error(`[bench] ${REDIS_URL_ENV} is not set`)
  return url
}

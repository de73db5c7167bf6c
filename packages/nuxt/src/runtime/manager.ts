import {
  createSessionManager,
  SessionConfigError,
  type SessionManager,
  type SessionStore,
} from '@fly-session/core'
import { MemoryStore } from '@fly-session/store-memory'
import { RedisStore } from '@fly-session/store-redis'
import Redis from 'ioredis'

import type { SessionRuntimeConfig } from '../options'

/** The manager and what has to be closed with the server. */
export interface ConfiguredSessions {
  manager: SessionManager
  store: SessionStore
  /** Which store `redisUrl` chose. */
  kind: 'redis' | 'memory'
  close(): Promise<void>
}

let current: ConfiguredSessions | undefined

/** `NUXT_SESSION_SECRET` may hold several secrets, comma-separated, to rotate them. */
function secretsOf(secret: string | string[]): string | string[] {
  if (Array.isArray(secret)) return secret
  const list = String(secret)
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
  return list.length > 1 ? list : String(secret)
}

/**
 * Builds the manager from `runtimeConfig.session` (a RedisStore when `redisUrl` is set, else a
 * MemoryStore). Throws `SessionConfigError` for values that cannot work, e.g. a missing secret.
 */
export function configureSessions(config: SessionRuntimeConfig): ConfiguredSessions {
  // Said in the module's terms: core's own message cannot know the variable's name.
  if (!config.secret) {
    throw new SessionConfigError(
      'NUXT_SESSION_SECRET is not set: give the server a secret of at least 32 characters (e.g. `openssl rand -base64 48`)',
    )
  }
  const redis = config.redisUrl ? new Redis(config.redisUrl) : undefined
  const store: SessionStore = redis
    ? new RedisStore({ client: redis, prefix: config.redisPrefix })
    : new MemoryStore()
  const { cookie } = config
  const skipPaths = config.skipPaths.filter(Boolean)
  let manager: SessionManager
  try {
    manager = createSessionManager({
      store,
      secret: secretsOf(config.secret),
      cookie: {
        name: cookie.name,
        path: cookie.path,
        ...(cookie.domain ? { domain: cookie.domain } : {}),
        secure: cookie.secure,
        httpOnly: cookie.httpOnly,
        sameSite: cookie.sameSite,
        partitioned: cookie.partitioned,
        persistent: cookie.persistent,
      },
      idleTimeout: Number(config.idleTimeout),
      absoluteTimeout: Number(config.absoluteTimeout),
      onStoreError: config.onStoreError,
      skip: (event) => {
        const path = (event as { path?: string }).path ?? ''
        return skipPaths.some((prefix) => path.startsWith(prefix))
      },
    })
  } catch (error) {
    redis?.disconnect()
    throw error
  }
  current = {
    manager,
    store,
    kind: redis ? 'redis' : 'memory',
    async close() {
      await store.dispose?.()
      await redis?.quit()
      if (current?.manager === manager) current = undefined
    },
  }
  return current
}

/**
 * The server's `SessionManager`, for the principal calls: `listSessions(principal)`,
 * `invalidateAll(principal, { except })`, `invalidateSession(handle, { principal })`.
 * Throws when the module's Nitro plugin has not started (outside the server).
 */
export function useSessionManager(): SessionManager {
  if (current === undefined) {
    throw new Error(
      '[fly-session] no session manager: useSessionManager() works in server code of an app with the @fly-session/nuxt module',
    )
  }
  return current.manager
}

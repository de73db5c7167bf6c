import { type NitroAppLike, nitroSession } from '@fly-session/h3'
import { useRuntimeConfig } from '#imports'

import { configureSessions } from './manager'

/** What the plugin uses of the Nitro app beyond `nitroSession`'s needs. */
interface NitroAppWithClose extends NitroAppLike {
  hooks: NitroAppLike['hooks'] & { hook(name: 'close', hook: () => Promise<void>): unknown }
}

/**
 * The module's Nitro plugin: one manager for the server, from `runtimeConfig.session`, and
 * `nitroSession` for every request (load on `request`, commit on `beforeResponse`).
 */
export default function flySessionPlugin(nitroApp: NitroAppWithClose): void {
  const sessions = configureSessions(useRuntimeConfig().session)
  if (sessions.kind === 'memory' && !import.meta.dev) {
    console.warn(
      '[fly-session] NUXT_SESSION_REDIS_URL is not set: sessions are kept in this process’s memory, lost on restart and not shared between instances.',
    )
  }
  nitroSession(sessions.manager)(nitroApp)
  nitroApp.hooks.hook('close', () => sessions.close())
}

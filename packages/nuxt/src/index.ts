import { addServerImports, addServerPlugin, createResolver, defineNuxtModule } from '@nuxt/kit'
import type { NuxtModule } from '@nuxt/schema'
import { defu } from 'defu'

import type { ModuleOptions, SessionRuntimeConfig } from './options'

// The core names an app needs next to the adapter (the same list in every adapter; a test in
// apps/release-check compares them).
export type {
  HttpSession,
  SessionCookieOptions,
  SessionData,
  SessionErrorCode,
  SessionHooks,
  SessionManager,
  SessionOptions,
  SessionSummary,
} from '@fly-session/core'
export {
  createSessionManager,
  SessionConfigError,
  SessionError,
  SessionStateError,
  SessionStoreError,
  SessionTooLargeError,
} from '@fly-session/core'
export type { ModuleCookieOptions, ModuleOptions, RuntimeOnlyOptions, SessionRuntimeConfig } from './options'

/** The server utils auto-imported in `server/`. */
const SERVER_UTILS = ['getSession', 'useSessionManager'] as const

/** What the Nitro module below touches of Nitro's resolved options. */
interface NitroImportsLike {
  options: { imports?: false | { presets?: Array<{ from?: string; imports?: unknown[] } | string> } }
}

/**
 * h3 1.x exports a `getSession` of its own (its sealed-cookie session), which Nitro
 * auto-imports too: dropped from Nitro's h3 preset so that `getSession` in server/ is this
 * module's, without a duplicate-import warning on every build. (`import { getSession } from 'h3'`
 * still reaches h3's.) A Nitro module, because Nitro adds its h3 preset after `nitro:config`.
 */
const yieldGetSession = {
  name: 'fly-session:get-session',
  setup(nitro: NitroImportsLike) {
    const { imports } = nitro.options
    if (!imports) return
    for (const preset of imports.presets ?? []) {
      if (typeof preset === 'object' && preset.from === 'h3' && Array.isArray(preset.imports)) {
        preset.imports = preset.imports.filter((name) => !SERVER_UTILS.includes(name as never))
      }
    }
  },
}

/**
 * `modules: ['@fly-session/nuxt']`: server-side sessions for every server request of a Nuxt 4
 * app. Options under `session` in `nuxt.config.ts` (see `ModuleOptions`); the secret and the
 * Redis URL come from `NUXT_SESSION_SECRET` and `NUXT_SESSION_REDIS_URL` at run time.
 */
const flySessionModule: NuxtModule<ModuleOptions> = defineNuxtModule<ModuleOptions>({
  meta: {
    name: '@fly-session/nuxt',
    configKey: 'session',
    compatibility: { nuxt: '>=4.0.0' },
  },
  defaults: (nuxt) => ({
    cookie: {
      name: 'sid',
      path: '/',
      domain: '',
      secure: true,
      httpOnly: true,
      sameSite: 'lax',
      partitioned: false,
      persistent: true,
    },
    idleTimeout: 1800,
    absoluteTimeout: 86400,
    redisPrefix: 'fly:sess:',
    onStoreError: 'fail',
    skipPaths: [nuxt.options.app.buildAssetsDir],
  }),
  setup(options, nuxt) {
    const resolver = createResolver(import.meta.url)
    // Every key is present, so every key can be overridden by a NUXT_SESSION_* variable.
    const runtime = nuxt.options.runtimeConfig as { session?: Partial<SessionRuntimeConfig> }
    runtime.session = defu(runtime.session, { secret: '', redisUrl: '' }, options)
    const runtimeDir = resolver.resolve('./runtime')
    // Nitro must compile these files into the server (they import `#imports`), not load them
    // from node_modules at run time.
    nuxt.options.build.transpile.push(runtimeDir)
    addServerPlugin(resolver.resolve('./runtime/plugin'))
    // The `FlySession.SessionData` declaration in server/ merges into core's interface only when
    // this package's types (and so core's) are in the server's program; nothing in server/ has
    // to import it for that.
    nuxt.hook('nitro:prepare:types', ({ references }) => {
      references.push({ types: '@fly-session/nuxt' })
    })
    nuxt.hook('nitro:config', (config) => {
      // Typed loosely: nitropack's types are not a dependency of this package.
      const nitroConfig = config as { modules?: unknown[] }
      nitroConfig.modules = [...(nitroConfig.modules ?? []), yieldGetSession]
    })
    addServerImports(SERVER_UTILS.map((name) => ({ name, from: resolver.resolve('./runtime/server/utils') })))
  },
})

export default flySessionModule

import type { AppSpec } from './temp-app'

/** A test app: what to install, how to build it, and how it is configured at start-up. */
export interface AppUnderTest extends AppSpec {
  label: string
  /** The build command and its arguments, run with the installer's `exec`. */
  build: [string, string[]]
  /** The packages from the app to the one that resolves the framework's h3. */
  frameworkChain: string[]
  /** The environment that configures the server: secret and, when given, Redis. */
  env(options: { secret: string; redisUrl?: string }): NodeJS.ProcessEnv
  /** The tsconfig that typechecks the app's server code (written by `prepare` for Nuxt). */
  tsconfig: string
  /** Runs before the type check and the build (`nuxt prepare` writes the server's types). */
  prepare?: [string, string[]]
  /** What the server logs at start-up when no Redis is configured, if anything. */
  memoryStoreWarning?: RegExp
  /** Whether the app has the principal routes (`/api/sessions`, `/api/sign-out-others`). */
  principalRoutes: boolean
  /** Whether the app has Nitro 2's other serving paths (`/api/visit-then-fail`, `/api/visit-redirect*`). */
  nitro2Paths: boolean
}

/** What `nuxi init` writes for a Nuxt 4 app, plus the module. */
export const nuxtApp: AppUnderTest = {
  label: 'Nuxt 4 + @fly-session/nuxt',
  fixture: 'nuxt-app',
  dependencies: { nuxt: '4.4.5', vue: '^3.5.0', 'vue-router': '^4.5.0' },
  ours: ['@fly-session/nuxt'],
  build: ['nuxt', ['build']],
  tsconfig: '.nuxt/tsconfig.server.json',
  prepare: ['nuxt', ['prepare']],
  frameworkChain: ['nuxt', '@nuxt/nitro-server', 'nitropack'],
  env: ({ secret, redisUrl }) => ({
    NUXT_SESSION_SECRET: secret,
    ...(redisUrl === undefined ? {} : { NUXT_SESSION_REDIS_URL: redisUrl }),
  }),
  memoryStoreWarning: /NUXT_SESSION_REDIS_URL is not set: sessions are kept in this process’s memory/,
  principalRoutes: true,
  nitro2Paths: true,
}

/** A Nitro 3 app (h3 2) with the h3 adapter as middleware and the stores the README names. */
export const nitroApp: AppUnderTest = {
  label: 'Nitro 3 (h3 2) + @fly-session/h3',
  fixture: 'nitro-app',
  dependencies: { nitro: '3.0.0', ioredis: '^5.11.1', '@types/node': '^20.19.0' },
  ours: ['@fly-session/h3', '@fly-session/store-memory', '@fly-session/store-redis'],
  build: ['nitro', ['build']],
  tsconfig: 'tsconfig.json',
  frameworkChain: ['nitro'],
  env: ({ secret, redisUrl }) => ({
    SESSION_SECRET: secret,
    ...(redisUrl === undefined ? {} : { REDIS_URL: redisUrl }),
  }),
  principalRoutes: false,
  nitro2Paths: false,
}

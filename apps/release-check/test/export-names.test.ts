import { join } from 'node:path'

import { beforeAll, expect, it } from 'vitest'

import { coreReExports } from '../src/core-reexports'
import { type EntryPointNames, type ExportNames, listExportNames } from '../src/export-names'
import { publicPackages, repoRoot } from '../src/workspace'

/**
 * What an app needs of core next to its adapter: the one list every adapter entry point
 * re-exports by name (never `export *`, so core's other exports stay out of the adapters'
 * semver promise). Types included, which the runtime snapshot below cannot see.
 */
const CURATED_CORE_NAMES = [
  'HttpSession',
  'SessionConfigError',
  'SessionCookieOptions',
  'SessionData',
  'SessionError',
  'SessionErrorCode',
  'SessionHooks',
  'SessionManager',
  'SessionOptions',
  'SessionStateError',
  'SessionStoreError',
  'SessionSummary',
  'SessionTooLargeError',
  'createSessionManager',
].sort()

const adapters = publicPackages().filter(
  (pkg) => pkg.relativeDir.startsWith('packages/') && !/\/(core|store-[\w-]+)$/.test(pkg.relativeDir),
)

it.each(adapters.map((pkg) => [pkg.manifest.name, pkg] as const))(
  '%s re-exports exactly the curated list of core names from every entry point',
  (_name, pkg) => {
    const entries = coreReExports(pkg)
    expect(Object.keys(entries).length).toBeGreaterThan(0)
    for (const [subpath, names] of Object.entries(entries)) {
      expect({ subpath, names }).toEqual({ subpath, names: CURATED_CORE_NAMES })
    }
  },
)

let exported: ExportNames

beforeAll(async () => {
  // The workspace links every public package into this app, so `node` resolves them to dist/.
  exported = await listExportNames(
    join(repoRoot, 'apps/release-check/fixtures'),
    publicPackages().map((pkg) => pkg.manifest.name),
  )
})

/** One list when import and require agree (the usual case), both when they do not. */
function compact({ esm, cjs }: EntryPointNames) {
  return JSON.stringify(esm) === JSON.stringify(cjs)
    ? { 'import = require': esm }
    : { import: esm, require: cjs }
}

it('keeps the runtime export names of every entry point, ESM and CJS, from dist', () => {
  const snapshot = Object.fromEntries(
    Object.entries(exported).map(([name, entryPoints]) => [
      name,
      Object.fromEntries(Object.entries(entryPoints).map(([subpath, names]) => [subpath, compact(names)])),
    ]),
  )
  expect(snapshot).toMatchInlineSnapshot(`
    {
      "@fly-session/core": {
        ".": {
          "import = require": [
            "DEFAULT_ABSOLUTE_TIMEOUT",
            "DEFAULT_COOKIE_NAME",
            "DEFAULT_IDLE_TIMEOUT",
            "DEFAULT_MAX_SIZE",
            "DEFAULT_TOUCH_INTERVAL",
            "MAX_NESTING_DEPTH",
            "MIN_SECRET_LENGTH",
            "SessionConfigError",
            "SessionError",
            "SessionStateError",
            "SessionStoreError",
            "SessionTooLargeError",
            "WRAPPED_SESSION",
            "createSessionManager",
            "devalueCodec",
            "isSessionManager",
            "runSession",
            "toSessionManager",
            "trackMutations",
          ],
        },
        "./compat": {
          "import = require": [
            "expiringCookie",
            "lifetimeMs",
            "readCookie",
            "setLifetimeMs",
            "settle",
          ],
        },
        "./node": {
          "import = require": [
            "appendSetCookie",
            "bindLifecycleToResponse",
            "openNodeSession",
            "readCookieHeader",
          ],
        },
        "./testing": {
          "import": [
            "RecordingStore",
            "bounded",
            "describeSessionStore",
            "driveRequest",
            "sessionPatch",
            "sessionStoreCases",
            "storedSession",
            "uniqueKey",
          ],
          "require": "throws: ERR_PACKAGE_PATH_NOT_EXPORTED",
        },
      },
      "@fly-session/express": {
        ".": {
          "import = require": [
            "SessionConfigError",
            "SessionError",
            "SessionStateError",
            "SessionStoreError",
            "SessionTooLargeError",
            "createSessionManager",
            "session",
          ],
        },
        "./compat": {
          "import = require": [
            "SessionConfigError",
            "SessionError",
            "SessionStateError",
            "SessionStoreError",
            "SessionTooLargeError",
            "createSessionManager",
            "default",
            "fromExpressSession",
            "session",
          ],
        },
      },
      "@fly-session/fastify": {
        ".": {
          "import = require": [
            "SessionConfigError",
            "SessionError",
            "SessionStateError",
            "SessionStoreError",
            "SessionTooLargeError",
            "createSessionManager",
            "session",
          ],
        },
      },
      "@fly-session/fetch": {
        ".": {
          "import = require": [
            "SessionConfigError",
            "SessionError",
            "SessionStateError",
            "SessionStoreError",
            "SessionTooLargeError",
            "createSessionManager",
            "getSession",
            "withSession",
          ],
        },
        "./hono": {
          "import = require": [
            "SessionConfigError",
            "SessionError",
            "SessionStateError",
            "SessionStoreError",
            "SessionTooLargeError",
            "createSessionManager",
            "session",
          ],
        },
      },
      "@fly-session/h3": {
        ".": {
          "import = require": [
            "SessionConfigError",
            "SessionError",
            "SessionStateError",
            "SessionStoreError",
            "SessionTooLargeError",
            "createSessionManager",
            "getSession",
            "nitroSession",
            "session",
          ],
        },
      },
      "@fly-session/koa": {
        ".": {
          "import = require": [
            "SessionConfigError",
            "SessionError",
            "SessionStateError",
            "SessionStoreError",
            "SessionTooLargeError",
            "createSessionManager",
            "session",
          ],
        },
        "./compat": {
          "import = require": [
            "SessionConfigError",
            "SessionError",
            "SessionStateError",
            "SessionStoreError",
            "SessionTooLargeError",
            "createSessionManager",
            "default",
            "fromKoaSession",
            "session",
          ],
        },
      },
      "@fly-session/nuxt": {
        ".": {
          "import = require": [
            "SessionConfigError",
            "SessionError",
            "SessionStateError",
            "SessionStoreError",
            "SessionTooLargeError",
            "createSessionManager",
            "default",
          ],
        },
      },
      "@fly-session/store-memory": {
        ".": {
          "import = require": [
            "MemoryStore",
          ],
        },
      },
      "@fly-session/store-redis": {
        ".": {
          "import = require": [
            "DEFAULT_COMMAND_TIMEOUT",
            "DEFAULT_PREFIX",
            "RedisStore",
          ],
        },
      },
    }
  `)
})

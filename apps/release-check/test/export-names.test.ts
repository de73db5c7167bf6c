import { join } from 'node:path'

import { beforeAll, expect, it } from 'vitest'

import { type EntryPointNames, type ExportNames, listExportNames } from '../src/export-names'
import { publicPackages, repoRoot } from '../src/workspace'

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
            "describeSessionStore",
            "sessionPatch",
            "sessionStoreCases",
            "storedSession",
            "uniqueKey",
          ],
          "require": "throws: Vitest cannot be imported in a CommonJS module using require(). Please use "import" instead.",
        },
      },
      "@fly-session/express": {
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
            "session",
            "toSessionManager",
            "trackMutations",
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
            "getSession",
            "isSessionManager",
            "nitroSession",
            "runSession",
            "session",
            "toSessionManager",
            "trackMutations",
          ],
        },
      },
      "@fly-session/koa": {
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
            "session",
            "toSessionManager",
            "trackMutations",
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

it('exports the same names from import and from require', () => {
  for (const [name, entryPoints] of Object.entries(exported)) {
    for (const [subpath, { esm, cjs }] of Object.entries(entryPoints)) {
      expect(Array.isArray(esm), `${name} ${subpath} loads with import: ${esm}`).toBe(true)
      // vitest refuses to be required, so the conformance suite is usable from ESM only;
      // its CJS build exists for type resolution (attw) and fails with vitest's own message.
      if (name === '@fly-session/core' && subpath === './testing') {
        expect(cjs).toMatch(/^throws: Vitest cannot be imported in a CommonJS module/)
        continue
      }
      expect({ name, subpath, names: cjs }).toEqual({ name, subpath, names: esm })
    }
  }
})

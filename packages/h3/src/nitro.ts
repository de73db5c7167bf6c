import type { IncomingMessage, ServerResponse } from 'node:http'

import {
  type SessionLifecycle,
  type SessionManager,
  type SessionOptions,
  toSessionManager,
} from '@fly-session/core'
import { appendSetCookie, bindLifecycleToResponse, readCookieHeader } from '@fly-session/core/node'

import { attachLoadFailure, attachSession, type H3EventLike } from './context'
import { answerCommitError } from './node-error'

/** An h3 1.x event as Nitro 2 hands it to its hooks: the Node request and response on `node`. */
export interface NitroEventLike extends H3EventLike {
  node: { req: IncomingMessage; res: ServerResponse }
}

/**
 * The part of a Nitro 2 app (`nitroApp` in `defineNitroPlugin((nitroApp) => ...)`) the plugin
 * uses, typed structurally so this package needs neither nitropack nor h3 installed.
 */
export interface NitroAppLike {
  hooks: {
    hook(name: 'request', hook: (event: NitroEventLike) => Promise<void>): unknown
    hook(name: 'beforeResponse', hook: (event: NitroEventLike) => Promise<void>): unknown
  }
  // biome-ignore lint/suspicious/noExplicitAny: h3's `App['handler']` takes its own H3Event, which this package does not import.
  h3App: { handler: (event: any) => Promise<unknown> }
}

/** A Nitro 2 plugin, what `defineNitroPlugin(...)` takes. */
export type NitroSessionPlugin = (nitroApp: NitroAppLike) => void

const binding = Symbol.for('fly-session.h3.nitro-binding')

/** One request's commit, started at most once by whichever of the paths below comes first. */
interface Binding {
  commit(): Promise<void>
  /** The commit once begun (by `beforeResponse`, the held `end()` or an error), else undefined. */
  readonly started: Promise<void> | undefined
}

type BindingContext = { [binding]?: Binding }

/**
 * A view of the lifecycle whose `commit()` runs once, however many paths ask for it, and puts
 * the Set-Cookie header on the response itself before it resolves. Node's `res.end()` writes
 * the headers through `writeHead`, where `bindLifecycleToResponse` adds the cookie, but Nitro's
 * in-process fetch answers with a mock response whose `end()` never calls `writeHead`.
 */
function commitOnce(lifecycle: SessionLifecycle, res: ServerResponse): SessionLifecycle & Binding {
  let started: Promise<void> | undefined
  let cookieHandedOver = false
  const handOverCookie = () => {
    if (cookieHandedOver) return undefined
    cookieHandedOver = true
    return lifecycle.setCookie()
  }
  return {
    get state() {
      return lifecycle.state
    },
    get started() {
      return started
    },
    load: () => lifecycle.load(),
    setCookie: handOverCookie,
    commit() {
      started ??= lifecycle.commit().then(() => {
        const cookie = res.headersSent ? undefined : handOverCookie()
        if (cookie !== undefined) appendSetCookie(res, cookie)
      })
      return started
    },
  }
}

async function open(manager: SessionManager, event: NitroEventLike): Promise<void> {
  if (manager.shouldSkip(event)) return
  const { req, res } = event.node
  const lifecycle = commitOnce(manager.begin(readCookieHeader(req)), res)
  try {
    attachSession(event, await lifecycle.load())
  } catch (error) {
    attachLoadFailure(event, error)
    return
  }
  // The fallback for responses Nitro sends without `beforeResponse` (`sendRedirect`,
  // `sendStream`, a handler's own `res.end()`, error pages): the end waits for the commit.
  bindLifecycleToResponse(res, lifecycle, (error) => answerCommitError(res, error))
  Object.assign(event.context, { [binding]: lifecycle } satisfies BindingContext)
}

function bindingOf(event: H3EventLike): Binding | undefined {
  return (event.context as BindingContext)[binding]
}

/**
 * A Nitro 2 plugin (Nuxt 4, nitropack 2, h3 1.x) that gives every request a session: loaded in
 * Nitro's `request` hook onto `event.context.session` (also `getSession(event)`), committed in
 * its `beforeResponse` hook, which Nitro awaits before it writes a returned body, so the save
 * has finished before any byte of the body is handed over, on the Node server and in Nitro's
 * in-process fetch (`$fetch` from a server route, SSR `useFetch`) alike.
 *
 * Responses written without `beforeResponse` (`sendRedirect`, `sendStream`, error pages) hold
 * their `end()` until the commit, and the app's handler resolves only after it, which is when
 * the in-process fetch reads the response. When a handler throws, the session is committed
 * before the error page is written, as the other adapters do.
 *
 * A store failure while loading is thrown by `getSession(event)` (`SessionStoreError`, 503)
 * inside the handler that asks for the session; requests that never ask are served. A failed
 * commit is answered 503 in place of the body.
 *
 * @example
 * ```ts
 * // server/plugins/session.ts
 * export default defineNitroPlugin(nitroSession({ store, secret: process.env.SESSION_SECRET! }))
 * ```
 */
export function nitroSession(optionsOrManager: SessionOptions | SessionManager): NitroSessionPlugin {
  const manager = toSessionManager(optionsOrManager)
  return (nitroApp) => {
    nitroApp.hooks.hook('request', (event) => open(manager, event))
    nitroApp.hooks.hook('beforeResponse', async (event) => {
      // A failure is answered by the held `end()` (503 instead of the body); nothing to add here.
      await bindingOf(event)
        ?.commit()
        .catch(() => undefined)
    })
    const handler = nitroApp.h3App.handler
    nitroApp.h3App.handler = async function handleWithSession(event: NitroEventLike) {
      let result: unknown
      try {
        result = await handler(event)
      } catch (error) {
        // Nothing is written yet: save what the handler changed, then let Nitro's error page go.
        await bindingOf(event)
          ?.commit()
          .catch(() => undefined)
        throw error
      }
      // Resolving later than the commit is what makes Nitro's in-process fetch, which reads the
      // mock response as soon as this resolves, see the body the held `end()` writes.
      await bindingOf(event)?.started?.catch(() => undefined)
      return result
    }
  }
}

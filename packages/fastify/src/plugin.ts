import {
  isSessionManager,
  type SessionManager,
  type SessionOptions,
  toSessionManager,
} from '@fly-session/core'
import type { FastifyPluginAsync, FastifyRequest, RegisterOptions } from 'fastify'
import fp from 'fastify-plugin'

import { type FastifySession, lifecycleOf, openFastifySession } from './compat-session'

/**
 * Fastify hands a plugin its own registration options (`prefix`, `logLevel`, ...) next to the
 * plugin's; they are not session options.
 */
function managerFrom(
  options: (SessionOptions<FastifyRequest> | SessionManager) & RegisterOptions,
): SessionManager {
  if (isSessionManager(options)) return options
  const { prefix: _prefix, logLevel: _logLevel, logSerializers: _logSerializers, ...sessionOptions } = options
  return toSessionManager(sessionOptions)
}

// `app.register(session, ...)` accepts core's options, or a `SessionManager` to share.
const flySession: FastifyPluginAsync<SessionOptions<FastifyRequest> | SessionManager> = async (
  fastify,
  options,
) => {
  const manager = managerFrom(options)
  // Declared before any request, so every request object has the same shape; `@fastify/flash`
  // (which `@fastify/passport` registers) checks that this decorator exists.
  if (!fastify.hasRequestDecorator('session'))
    fastify.decorateRequest('session', null as unknown as FastifySession)

  fastify.addHook('onRequest', async (request) => {
    if (manager.shouldSkip(request)) return
    // A store failure rejects with SessionStoreError (statusCode 503) into Fastify's error handler.
    request.session = await openFastifySession(manager, request.headers.cookie)
  })

  // onSend runs once the payload (a body, a redirect, a stream) is known and before anything is
  // written, so the commit is finished before the client can send its next request.
  fastify.addHook('onSend', async (request, reply, payload) => {
    // An error reply (after a failed commit, too) runs onSend again: the lifecycle is settled by then.
    if (request.session === null || request.session === undefined) return payload
    const lifecycle = lifecycleOf(request.session)
    if (lifecycle.state !== 'loaded') return payload
    try {
      await lifecycle.commit()
    } catch (error) {
      // The error reply is built on this reply: a handler's Location or cookies must not ride on it.
      for (const name of Object.keys(reply.getHeaders())) reply.removeHeader(name)
      reply.header('cache-control', 'no-store')
      throw error
    }
    const cookie = lifecycle.setCookie()
    if (cookie !== undefined) reply.header('set-cookie', cookie)
    return payload
  })
}

/**
 * The Fastify 5 plugin: `app.register(session, options | manager)`. Loads the request's
 * session onto `request.session` in `onRequest`, commits it and adds its Set-Cookie header (next
 * to any the app sets) in `onSend`, before the reply is written: replies, redirects and streams
 * alike. A store failure reaches Fastify's error handler as `SessionStoreError` (`statusCode`
 * 503). Registered with `fastify-plugin`: it applies to the scope it is registered in and its
 * children, not to sibling scopes.
 *
 * @example
 * await app.register(session, { store: new RedisStore({ client: new Redis() }), secret: process.env.SESSION_SECRET! })
 */
export const session = fp(flySession, { fastify: '5.x', name: '@fly-session/fastify' })

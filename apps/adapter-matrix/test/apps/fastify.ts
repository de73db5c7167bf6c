import { Readable } from 'node:stream'

import fastifyCookie from '@fastify/cookie'
import { session } from '@fly-session/fastify'
import type { StartApp } from '@fly-session/testkit/adapters'
import Fastify from 'fastify'

/**
 * The suite's app on Fastify 5: the plugin registered first, `@fastify/cookie` for the app's
 * own cookie, and an error handler that records what reached it and answers with its status.
 */
export const startFastify: StartApp = async (sessionOrOptions, routes) => {
  const app = Fastify()
  const errors: unknown[] = []
  await app.register(session, sessionOrOptions)
  await app.register(fastifyCookie)
  app.setErrorHandler((error: { statusCode?: number; code?: string }, _request, reply) => {
    errors.push(error)
    return reply.status(error.statusCode ?? 500).send({ error: error.code ?? 'UNKNOWN' })
  })
  for (const [path, route] of Object.entries(routes)) {
    app.get(path, async (request, reply) => {
      const query = new URLSearchParams(request.url.split('?')[1])
      const answer = await route({ session: request.session ?? undefined, query })
      if ('redirect' in answer) return reply.redirect(answer.redirect, 302)
      if ('stream' in answer) return reply.type('text/plain').send(Readable.from(answer.stream))
      if (answer.cookie) reply.setCookie(answer.cookie.name, answer.cookie.value, { path: '/' })
      return reply.status(answer.status ?? 200).send(answer.json)
    })
  }
  await app.listen({ port: 0, host: '127.0.0.1' })
  const { port } = app.server.address() as { port: number }
  return { url: `http://127.0.0.1:${port}`, errors, close: () => app.close() }
}

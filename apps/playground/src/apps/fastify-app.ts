import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'

import { session } from '@fly-session/fastify'
import Fastify from 'fastify'

import { API_ROUTES, basePathOf } from '../api'
import type { AppDeps } from './app-deps'

/**
 * The Fastify 5 app under `/fastify`: the session is `request.session`. Fastify owns its server,
 * so the playground's one server hands it requests through the handler Fastify gives its
 * `serverFactory` (that server is never started).
 */
export async function createFastifyApp({
  manager,
  service,
  onError,
}: AppDeps): Promise<(req: IncomingMessage, res: ServerResponse) => void> {
  let handle: ((req: IncomingMessage, res: ServerResponse) => void) | undefined
  const app = Fastify({
    bodyLimit: 4096,
    serverFactory: (handler) => {
      handle = handler
      return createServer()
    },
  })
  await app.register(session, manager)
  app.setErrorHandler((error: { statusCode?: number; message: string }, _request, reply) => {
    const status = error.statusCode ?? 500
    if (status >= 500) onError('fastify', error)
    return reply
      .status(status)
      .send({ error: 'request-failed', message: status < 500 ? error.message : 'Server error' })
  })
  for (const route of API_ROUTES) {
    app.route({
      method: route.method,
      url: basePathOf('fastify') + route.path,
      handler: async (request, reply) => {
        const body = route.method === 'POST' ? request.body : undefined
        const answer = await service.handle({
          action: route.action,
          session: request.session,
          framework: 'fastify',
          body,
        })
        return reply.status(answer.status).send(answer.body)
      },
    })
  }
  await app.ready()
  if (handle === undefined) throw new Error('Fastify did not hand over its request handler')
  return handle
}

import { createServer, type RequestListener } from 'node:http'

import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify'

import { incrementRoute, ROUTES, readRoute, type SessionBinding, seedRoute } from './contract'

/**
 * The benchmark routes on Fastify 5, after `register` (the session library's plugins, if any), as
 * a Node listener: Fastify hands its request handler to `serverFactory`, and the bench's own
 * server (the same for every framework) calls it.
 */
export async function fastifyApp(
  binding: SessionBinding<FastifyRequest>,
  register?: (app: FastifyInstance) => Promise<void>,
): Promise<RequestListener> {
  let listener: RequestListener | undefined
  const app = Fastify({
    serverFactory: (handler) => {
      listener = handler
      return createServer()
    },
  })
  await register?.(app)
  const tokenOf = (request: FastifyRequest) => (request.query as { token?: string }).token
  app.post(ROUTES.seed, async (request) => seedRoute(await binding(request), tokenOf(request)))
  app.get(ROUTES.read, async (request) => readRoute(await binding(request)))
  app.post(ROUTES.increment, async (request) => incrementRoute(await binding(request)))
  await app.ready()
  if (listener === undefined) throw new Error('[bench] Fastify did not hand over its request handler')
  return listener
}

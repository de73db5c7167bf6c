import type { FastifyReply, FastifyRequest } from 'fastify'
import { fastifyApp } from './fastify-app'
import { floorSetup } from './floor'
import { runServer, serve } from './runtime'

// The floor on Fastify: see floor.ts. The routes' binding sees only the request, so a hook
// remembers each request's reply for the Set-Cookie header (Fastify appends set-cookie values).
runServer(async () => {
  const floor = await floorSetup()
  const replies = new WeakMap<FastifyRequest, FastifyReply>()
  const listener = await fastifyApp(
    (request) =>
      floor.load(request.headers.cookie, (cookie) => replies.get(request)?.header('set-cookie', cookie)),
    async (app) => {
      app.addHook('onRequest', async (request, reply) => {
        replies.set(request, reply)
      })
    },
  )
  await serve(listener, { close: floor.close })
})

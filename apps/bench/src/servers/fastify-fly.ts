import { type FastifySession, session } from '@fly-session/fastify'
import { storeMode } from './env'
import { fastifyApp } from './fastify-app'
import { flySetup } from './fly'
import { runServer, serve } from './runtime'
import { flyView } from './views'

// fly-session on Fastify, with the store named by the first argument (memory | redis).
runServer(async () => {
  const fly = await flySetup(storeMode())
  const listener = await fastifyApp(
    // Typed locally: @fastify/session, in the same program for its own variant, declares `request.session` too.
    (request) => flyView((request as unknown as { session: FastifySession }).session),
    async (app) => {
      await app.register(session, fly.options)
    },
  )
  await serve(listener, { close: fly.close })
})

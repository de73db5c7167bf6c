import { noSession } from './contract'
import { fastifyApp } from './fastify-app'
import { runServer, serve } from './runtime'

// The framework alone: the baseline every session variant of it is compared with.
runServer(async () => serve(await fastifyApp(noSession)))

import { createServer, type RequestListener } from 'node:http'
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify'
import type { SessionView } from './contract'
import { BENCH_SECRET, type Binding, type GetSetSession, getSetView, IDLE_SECONDS, routes } from './contract'
import { floorApp, flyApp, redisUrl, runServer } from './runtime'

const tokenOf = (request: FastifyRequest) => (request.query as { token?: string }).token

/**
 * The benchmark routes on Fastify 5, after `register` (the session library's plugins, if any), as
 * a Node listener: Fastify hands its request handler to `serverFactory`, and the bench's own
 * server (the same for every framework) calls it.
 */
async function fastifyApp(
  binding?: Binding<FastifyRequest>,
  register?: (app: FastifyInstance) => Promise<void>,
) {
  let listener: RequestListener | undefined
  const app = Fastify({
    serverFactory: (handler) => {
      listener = handler
      return createServer()
    },
  })
  await register?.(app)
  for (const [method, path, handle] of routes(binding, tokenOf)) app[method](path, handle)
  // ready() has created the server, so the factory has run.
  await app.ready()
  return listener!
}

/** `request.session`, typed locally: @fastify/session and fly-session both declare it. */
const sessionOf = (request: FastifyRequest) => (request as unknown as { session: GetSetSession }).session

runServer({
  raw: async () => ({ listener: await fastifyApp() }),
  // A request decorator holds the view, as Fastify plugins keep per-request values (declared
  // up front so every request has the same shape). Fastify appends set-cookie values.
  floor: () =>
    floorApp((load) =>
      fastifyApp(
        (request) => (request as unknown as { floorSession: SessionView }).floorSession,
        async (app) => {
          app.decorateRequest('floorSession', null)
          app.addHook('onRequest', async (request, reply) => {
            const view = await load(request.headers.cookie, (c) => reply.header('set-cookie', c))
            ;(request as unknown as { floorSession: SessionView }).floorSession = view
          })
        },
      ),
    ),
  'fly-session': (mode) =>
    flyApp(mode, async (options) => {
      const { session } = await import('@fly-session/fastify')
      return fastifyApp(
        (request) => getSetView(sessionOf(request)),
        async (app) => void (await app.register(session, options)),
      )
    }),
  // @fastify/session 11 as its README sets it up, with the settings a careful user picks: no empty
  // sessions stored, no cookie on every response, the cookie's lifetime matching fly-session's idle
  // timeout. Its default in-memory store (`memory`), or connect-redis over node-redis (`redis`), the
  // store its README recommends. `secure: false`: the bench speaks plain HTTP.
  '@fastify/session': async (mode) => {
    const [cookie, session, { RedisStore }, { createClient }] = await Promise.all([
      import('@fastify/cookie'),
      import('@fastify/session'),
      import('connect-redis'),
      import('redis'),
    ])
    const client = mode === 'redis' ? createClient({ url: redisUrl() }) : undefined
    await client?.connect()
    const listener = await fastifyApp(
      (request) => getSetView(sessionOf(request)),
      async (app) => {
        await app.register(cookie.default)
        await app.register(session.default, {
          secret: BENCH_SECRET,
          cookieName: 'sid',
          saveUninitialized: false,
          rolling: false,
          ...(client ? { store: new RedisStore({ client }) } : {}),
          cookie: { maxAge: IDLE_SECONDS * 1000, httpOnly: true, sameSite: 'lax', secure: false },
        })
      },
    )
    return { listener, close: async () => client?.quit() }
  },
})

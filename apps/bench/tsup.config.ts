import { packageConfig } from '../../config/tsup.ts'

// One bundle per process the bench starts: the harness, each server, the MemoryStore scale worker.
// Workspace packages and frameworks stay external, so servers load the BUILT packages (their
// `import` export, dist/) exactly as users do; only the source-only test kit is bundled in.
export default packageConfig(
  {
    main: 'src/main.ts',
    'scale-worker': 'src/scale/scale-worker.ts',
    'servers/express-raw': 'src/servers/express-raw.ts',
    'servers/express-fly': 'src/servers/express-fly.ts',
    'servers/express-session': 'src/servers/express-session.ts',
    'servers/express-compat': 'src/servers/express-compat.ts',
    'servers/koa-raw': 'src/servers/koa-raw.ts',
    'servers/koa-fly': 'src/servers/koa-fly.ts',
    'servers/koa-session': 'src/servers/koa-session.ts',
    'servers/h3-raw': 'src/servers/h3-raw.ts',
    'servers/h3-fly': 'src/servers/h3-fly.ts',
    'servers/h3-use-session': 'src/servers/h3-use-session.ts',
    'servers/h3v1-raw': 'src/servers/h3v1-raw.ts',
    'servers/h3v1-fly': 'src/servers/h3v1-fly.ts',
    'servers/h3v1-use-session': 'src/servers/h3v1-use-session.ts',
    'servers/fastify-raw': 'src/servers/fastify-raw.ts',
    'servers/fastify-fly': 'src/servers/fastify-fly.ts',
    'servers/fastify-session': 'src/servers/fastify-session.ts',
    'servers/hono-raw': 'src/servers/hono-raw.ts',
    'servers/hono-fly': 'src/servers/hono-fly.ts',
    'servers/hono-sessions': 'src/servers/hono-sessions.ts',
  },
  { format: ['esm'], dts: false, sourcemap: false, noExternal: ['@fly-session/testkit'] },
)

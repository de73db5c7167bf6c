import { floorSetup } from './floor'
import { koaApp } from './koa-app'
import { runServer, serve } from './runtime'

// The floor on Koa: see floor.ts.
runServer(async () => {
  const floor = await floorSetup()
  await serve(
    koaApp((ctx) => floor.load(ctx.headers.cookie, (cookie) => ctx.append('set-cookie', cookie))),
    { close: floor.close },
  )
})

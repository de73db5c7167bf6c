import { session } from '@fly-session/koa'
import { storeMode } from './env'
import { flySetup } from './fly'
import { koaApp } from './koa-app'
import { runServer, serve } from './runtime'
import { flyView } from './views'

// fly-session on koa, with the store named by the first argument (memory | redis).
runServer(async () => {
  const fly = await flySetup(storeMode())
  await serve(
    koaApp(
      (ctx) => flyView(ctx.session),
      () => session(fly.options),
    ),
    { close: fly.close },
  )
})

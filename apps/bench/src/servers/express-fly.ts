import { session } from '@fly-session/express'
import { storeMode } from './env'
import { expressApp } from './express-app'
import { flySetup } from './fly'
import { runServer, serve } from './runtime'
import { flyView } from './views'

// fly-session on express, with the store named by the first argument (memory | redis).
runServer(async () => {
  const fly = await flySetup(storeMode())
  await serve(
    expressApp((req) => flyView(req.session), session(fly.options)),
    { close: fly.close },
  )
})

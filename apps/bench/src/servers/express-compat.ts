import { session } from '@fly-session/express/compat'
import { storeMode } from './env'
import { expressApp } from './express-app'
import { flySetup } from './fly'
import { runServer, serve } from './runtime'
import { propertyView } from './views'

// fly-session's express-session-shaped compat layer on express, with the store named by the
// first argument (memory | redis): the routes use `req.session` as express-session code does.
runServer(async () => {
  const fly = await flySetup(storeMode())
  await serve(
    expressApp((req) => propertyView(req.session), session(fly.options)),
    { close: fly.close },
  )
})

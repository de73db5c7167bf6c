import { getSession, session } from '@fly-session/h3'
import { storeMode } from './env'
import { flySetup } from './fly'
import { h3App } from './h3-app'
import { runServer, serve } from './runtime'
import { flyView } from './views'

// fly-session on h3, with the store named by the first argument (memory | redis).
runServer(async () => {
  const fly = await flySetup(storeMode())
  await serve(
    h3App((event) => flyView(getSession(event)), session(fly.options)),
    { close: fly.close },
  )
})

import { getSession, session } from '@fly-session/h3'
import type { EventHandler } from 'h3v1'
import { storeMode } from './env'
import { flySetup } from './fly'
import { h3v1App } from './h3v1-app'
import { runServer, serve } from './runtime'
import { flyView } from './views'

// fly-session on h3 v1, with the store named by the first argument (memory | redis).
runServer(async () => {
  const fly = await flySetup(storeMode())
  // The middleware is typed for whichever `h3` is installed as "h3" (v2 here); at runtime it
  // detects the major per event.
  const middleware = session(fly.options) as unknown as EventHandler
  await serve(
    h3v1App((event) => flyView(getSession(event)), middleware),
    { close: fly.close },
  )
})

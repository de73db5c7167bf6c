import { session } from '@fly-session/fetch/hono'
import { storeMode } from './env'
import { flySetup } from './fly'
import { honoApp } from './hono-app'
import { runServer, serve } from './runtime'
import { flyView } from './views'

// fly-session on Hono (the Web-standard adapter), with the store named by the first argument (memory | redis).
runServer(async () => {
  const fly = await flySetup(storeMode())
  await serve(
    honoApp((c) => flyView(c.get('session')), session(fly.options)),
    { close: fly.close },
  )
})

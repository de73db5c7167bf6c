import { appendResponseHeader } from 'h3v1'
import { floorSetup } from './floor'
import { h3v1App } from './h3v1-app'
import { runServer, serve } from './runtime'

// The floor on h3 v1: see floor.ts.
runServer(async () => {
  const floor = await floorSetup()
  await serve(
    h3v1App((event) =>
      floor.load(event.node.req.headers.cookie, (cookie) =>
        appendResponseHeader(event, 'set-cookie', cookie),
      ),
    ),
    { close: floor.close },
  )
})

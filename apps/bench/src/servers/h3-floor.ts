import { floorSetup } from './floor'
import { h3App } from './h3-app'
import { runServer, serve } from './runtime'

// The floor on h3 v2: see floor.ts.
runServer(async () => {
  const floor = await floorSetup()
  await serve(
    h3App((event) =>
      floor.load(event.req.headers.get('cookie') ?? undefined, (cookie) =>
        event.res.headers.append('set-cookie', cookie),
      ),
    ),
    { close: floor.close },
  )
})

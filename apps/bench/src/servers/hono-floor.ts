import { floorSetup } from './floor'
import { honoApp } from './hono-app'
import { runServer, serve } from './runtime'

// The floor on Hono: see floor.ts.
runServer(async () => {
  const floor = await floorSetup()
  await serve(
    honoApp((c) =>
      floor.load(c.req.header('cookie'), (cookie) => c.header('set-cookie', cookie, { append: true })),
    ),
    { close: floor.close },
  )
})

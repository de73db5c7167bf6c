import { expressApp } from './express-app'
import { floorSetup } from './floor'
import { runServer, serve } from './runtime'

// The floor on Express: see floor.ts.
runServer(async () => {
  const floor = await floorSetup()
  await serve(
    expressApp((req) => floor.load(req.headers.cookie, (cookie) => req.res?.append('set-cookie', cookie))),
    { close: floor.close },
  )
})

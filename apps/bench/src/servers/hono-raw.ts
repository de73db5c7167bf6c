import { noSession } from './contract'
import { honoApp } from './hono-app'
import { runServer, serve } from './runtime'

// The framework alone: the baseline every session variant of it is compared with.
runServer(() => serve(honoApp(noSession)))

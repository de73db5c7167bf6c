import { noSession } from './contract'
import { koaApp } from './koa-app'
import { runServer, serve } from './runtime'

// The framework alone: the baseline every session variant of it is compared with.
runServer(() => serve(koaApp(noSession)))

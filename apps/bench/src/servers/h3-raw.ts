import { noSession } from './contract'
import { h3App } from './h3-app'
import { runServer, serve } from './runtime'

// The framework alone: the baseline every session variant of it is compared with.
runServer(() => serve(h3App(noSession)))

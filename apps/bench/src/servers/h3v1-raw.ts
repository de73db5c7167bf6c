import { noSession } from './contract'
import { h3v1App } from './h3v1-app'
import { runServer, serve } from './runtime'

// The framework alone: the baseline every session variant of it is compared with.
runServer(() => serve(h3v1App(noSession)))

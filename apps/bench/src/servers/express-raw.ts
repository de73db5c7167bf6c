import { noSession } from './contract'
import { expressApp } from './express-app'
import { runServer, serve } from './runtime'

// The framework alone: the baseline every session variant of it is compared with.
runServer(() => serve(expressApp(noSession)))

import { type H3Event, useSession } from 'h3'
import { ABSOLUTE_SECONDS, BENCH_SECRET, type BenchAttributes, IDLE_SECONDS } from './contract'
import { h3App } from './h3-app'
import { runServer, serve } from './runtime'
import { sealedView } from './views'

/** h3's built-in sessions: the data sealed (encrypted and signed) into the cookie itself. */
const config = { name: 'sid', password: BENCH_SECRET, maxAge: ABSOLUTE_SECONDS, idleTimeout: IDLE_SECONDS }

async function view(event: H3Event) {
  return sealedView(await useSession<BenchAttributes>(event, config))
}

runServer(() => serve(h3App(view)))

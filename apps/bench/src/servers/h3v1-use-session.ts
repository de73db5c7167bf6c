import { type H3Event, useSession } from 'h3v1'
import { ABSOLUTE_SECONDS, BENCH_SECRET, type BenchAttributes } from './contract'
import { h3v1App } from './h3v1-app'
import { runServer, serve } from './runtime'
import { sealedView } from './views'

/** h3 v1's built-in sessions (what Nuxt 4 apps use): sealed into the cookie. v1 has no idle timeout. */
const config = { name: 'sid', password: BENCH_SECRET, maxAge: ABSOLUTE_SECONDS }

async function view(event: H3Event) {
  return sealedView(await useSession<BenchAttributes>(event, config))
}

runServer(() => serve(h3v1App(view)))

import { type H3Event, useSession } from 'h3v1'
import { ABSOLUTE_SECONDS, BENCH_SECRET, type BenchAttributes, type SessionView } from './contract'
import { h3v1App } from './h3v1-app'
import { runServer, serve } from './runtime'

/** h3 v1's built-in sessions (what Nuxt 4 apps use): sealed into the cookie. v1 has no idle timeout. */
const config = { name: 'sid', password: BENCH_SECRET, maxAge: ABSOLUTE_SECONDS }

async function view(event: H3Event): Promise<SessionView> {
  const session = await useSession<BenchAttributes>(event, config)
  return {
    get: (name) => session.data[name],
    async set(values) {
      await session.update(values)
    },
  }
}

runServer(() => serve(h3v1App(view)))

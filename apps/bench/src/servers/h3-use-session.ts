import { type H3Event, useSession } from 'h3'
import {
  ABSOLUTE_SECONDS,
  BENCH_SECRET,
  type BenchAttributes,
  IDLE_SECONDS,
  type SessionView,
} from './contract'
import { h3App } from './h3-app'
import { runServer, serve } from './runtime'

/** h3's built-in sessions: the data sealed (encrypted and signed) into the cookie itself. */
const config = { name: 'sid', password: BENCH_SECRET, maxAge: ABSOLUTE_SECONDS, idleTimeout: IDLE_SECONDS }

async function view(event: H3Event): Promise<SessionView> {
  const session = await useSession<BenchAttributes>(event, config)
  return {
    get: (name) => session.data[name],
    async set(values) {
      await session.update(values)
    },
  }
}

runServer(() => serve(h3App(view)))

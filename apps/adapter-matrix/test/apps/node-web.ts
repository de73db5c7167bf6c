import type { StartApp } from '@fly-session/testkit/adapters'
import { listen } from '@fly-session/testkit/http'
import { getRequestListener } from '@hono/node-server'

import type { BuildWebApp } from './web'

/** Serves a Web-standard app on Node through `@hono/node-server`, on a loopback port. */
export function startOnNode(build: BuildWebApp): StartApp {
  return async (sessionOrOptions, routes) => {
    const app = build(sessionOrOptions, routes)
    return { ...(await listen(getRequestListener(app.fetch))), errors: app.errors }
  }
}

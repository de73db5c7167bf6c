import { once } from 'node:events'
import { createServer, type RequestListener } from 'node:http'
import type { AddressInfo } from 'node:net'

/**
 * Serves a Node request listener (an Express app, `koa.callback()`, h3's `toNodeListener(app)`
 * or `toNodeHandler(app)`) on a free port of 127.0.0.1.
 */
export async function listen(handler: RequestListener) {
  const server = createServer(handler).listen(0, '127.0.0.1')
  await once(server, 'listening')
  const { port } = server.address() as AddressInfo
  return {
    /** `http://127.0.0.1:<port>`, no trailing slash. */
    url: `http://127.0.0.1:${port}`,
    port,
    /** Stops accepting, drops idle and open keep-alive connections, and resolves once closed. */
    close: async () => {
      const closed = once(server, 'close')
      server.close()
      // Keep-alive sockets would otherwise hold close() open until they time out.
      server.closeAllConnections()
      await closed
    },
  }
}

/** A server listening on a loopback port. */
export type Listening = Awaited<ReturnType<typeof listen>>

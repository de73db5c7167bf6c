import { createServer } from 'node:net'

/**
 * Candidate ports lie below Linux's ephemeral range (32768+), so outgoing connections never
 * hold them; a Cluster node's bus port (port + 10000) stays below it too.
 */
const LOWEST_PORT = 10_000
const PORT_SPAN = 12_000
const ATTEMPTS = 50

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer()
    server.once('error', () => resolve(false))
    server.listen({ host: '127.0.0.1', port, exclusive: true }, () => server.close(() => resolve(true)))
  })
}

/**
 * A loopback port nothing listens on now (and, with `withBusPort`, whose port + 10000 is free as
 * well, as a Cluster node needs). Someone may take it before the server binds it, so callers
 * retry on "Address already in use".
 */
export async function findFreePort(options: { withBusPort?: boolean } = {}): Promise<number> {
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const port = LOWEST_PORT + Math.floor(Math.random() * PORT_SPAN)
    if (!(await canListen(port))) continue
    if (options.withBusPort && !(await canListen(port + 10_000))) continue
    return port
  }
  throw new Error(`[testkit] no free loopback port found in ${ATTEMPTS} attempts`)
}

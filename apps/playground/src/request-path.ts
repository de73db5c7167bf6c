import type { IncomingMessage } from 'node:http'

/**
 * The path of a request's target, without the query. Plain string work on purpose: `new URL()`
 * throws on some targets a client can send (`GET http://[ HTTP/1.1`), and a throw here would
 * take the whole server down.
 */
export function requestPath(req: IncomingMessage): string {
  const target = req.url ?? '/'
  const end = target.search(/[?#]/)
  return end === -1 ? target : target.slice(0, end)
}

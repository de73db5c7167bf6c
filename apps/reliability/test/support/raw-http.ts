import { connect } from 'node:net'

/** What came back for one raw request. */
export interface RawResponse {
  /** The status code, or 0 when the connection closed (or timed out) without a status line. */
  status: number
  head: string
  body: string
}

/**
 * One GET whose Cookie header lines are written byte for byte, with no client-side validation:
 * what a hostile client can put on the wire that `fetch` would refuse to send.
 */
export function rawGet(
  port: number,
  path: string,
  cookieLines: Buffer[],
  timeoutMs = 5_000,
): Promise<RawResponse> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = []
    const socket = connect(port, '127.0.0.1')
    const finish = () => {
      clearTimeout(timer)
      socket.destroy()
      const text = Buffer.concat(chunks).toString('latin1')
      const split = text.indexOf('\r\n\r\n')
      const head = split === -1 ? text : text.slice(0, split)
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? 0)
      resolve({ status, head, body: split === -1 ? '' : text.slice(split + 4) })
    }
    const timer = setTimeout(finish, timeoutMs)
    socket.on('data', (chunk) => chunks.push(chunk))
    socket.on('close', finish)
    socket.on('error', () => undefined)
    socket.on('connect', () => {
      const lines = cookieLines.map((line) =>
        Buffer.concat([Buffer.from('Cookie: '), line, Buffer.from('\r\n')]),
      )
      socket.end(
        Buffer.concat([
          Buffer.from(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n`),
          ...lines,
          Buffer.from('\r\n'),
        ]),
      )
    })
  })
}

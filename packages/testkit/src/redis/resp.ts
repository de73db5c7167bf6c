import { connect } from 'node:net'

/**
 * Sends one command to a Redis server and resolves with its reply as text (simple strings,
 * integers and bulk strings; an error reply rejects). Enough for readiness probes without
 * making the test kit depend on a Redis client. Bounded by `timeoutMs` (default 1000).
 */
export function sendCommand(port: number, args: string[], timeoutMs = 1000): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port })
    const chunks: Buffer[] = []
    const finish = (error: Error | undefined, reply?: string) => {
      socket.destroy()
      if (error) reject(error)
      else resolve(reply ?? '')
    }
    socket.setTimeout(timeoutMs, () => finish(new Error(`no reply to ${args[0]} within ${timeoutMs} ms`)))
    socket.on('error', (error) => finish(error))
    socket.on('connect', () => socket.write(encode(args)))
    socket.on('data', (chunk) => {
      chunks.push(chunk)
      const parsed = parseReply(Buffer.concat(chunks))
      if (parsed !== undefined) finish(parsed instanceof Error ? parsed : undefined, String(parsed))
    })
  })
}

function encode(args: string[]): string {
  return `*${args.length}\r\n${args.map((arg) => `$${Buffer.byteLength(arg)}\r\n${arg}\r\n`).join('')}`
}

/** The reply, or `undefined` while it is incomplete. */
function parseReply(buffer: Buffer): string | Error | undefined {
  const lineEnd = buffer.indexOf('\r\n')
  if (lineEnd === -1) return undefined
  const line = buffer.subarray(1, lineEnd).toString()
  switch (String.fromCharCode(buffer[0] ?? 0)) {
    case '+':
    case ':':
      return line
    case '-':
      return new Error(line)
    case '$': {
      const length = Number(line)
      if (length < 0) return ''
      const start = lineEnd + 2
      if (buffer.length < start + length + 2) return undefined
      return buffer.subarray(start, start + length).toString()
    }
    default:
      return new Error(`unexpected reply type in ${JSON.stringify(buffer.subarray(0, 40).toString())}`)
  }
}

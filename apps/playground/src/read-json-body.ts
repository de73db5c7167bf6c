import type { IncomingMessage } from 'node:http'

/** An HTTP error a framework answers with its `status` (Koa reads `status` and `expose`). */
export class BodyError extends Error {
  readonly status: number
  readonly expose = true

  constructor(status: number, message: string) {
    super(message)
    this.name = 'BodyError'
    this.status = status
  }
}

/** The API's bodies are a name or a handle: anything near this size is not one of ours. */
const DEFAULT_LIMIT = 4096

/**
 * Reads a small JSON request body from a Node request, for frameworks that ship no body parser
 * (Koa). An empty body is `undefined`; too large is 413, malformed is 400.
 */
export async function readJsonBody(req: IncomingMessage, limit = DEFAULT_LIMIT): Promise<unknown> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length
    if (size > limit) throw new BodyError(413, 'request body too large')
    chunks.push(chunk)
  }
  if (size === 0) return undefined
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'))
  } catch {
    throw new BodyError(400, 'request body is not JSON')
  }
}

import type { ServerResponse } from 'node:http'
import { STATUS_CODES } from 'node:http'

import { SessionError } from '@fly-session/core'

/**
 * h3 1.x has already answered when a commit fails at the end of the response, and offers
 * middleware no way back into the app's error handler, so the 503 is written the way h3's
 * own `sendError` writes it.
 */
export function answerCommitError(res: ServerResponse, error: unknown): void {
  const status = error instanceof SessionError ? error.status : 500
  res.removeHeader('content-length')
  res.statusCode = status
  res.setHeader('content-type', 'application/json')
  res.end(JSON.stringify({ statusCode: status, statusMessage: STATUS_CODES[status] }))
}

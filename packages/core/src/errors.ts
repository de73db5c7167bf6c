/** Every error code fly-session raises. */
export type SessionErrorCode =
  | 'STORE_UNAVAILABLE'
  | 'SESSION_TOO_LARGE'
  | 'INVALID_CONFIG'
  | 'INVALID_STATE'
  | 'UNSERIALIZABLE'
  | 'UNDECODABLE'
  | 'INVALID_HANDLE'
  | 'UNSUPPORTED'

const prefix = '[fly-session] '

/**
 * The one error family. `code` is stable (match on it, not on the message); `status` is the
 * HTTP status a framework should answer with, mirrored as `statusCode` because Express, Koa
 * and h3 each read one of the two.
 */
export class SessionError extends Error {
  readonly code: SessionErrorCode
  readonly status: number
  readonly statusCode: number
  /** Koa: show the message to clients only for 4xx errors. */
  readonly expose: boolean

  constructor(code: SessionErrorCode, message: string, options: { cause?: unknown; status?: number } = {}) {
    super(prefix + message, options.cause === undefined ? undefined : { cause: options.cause })
    this.name = new.target.name
    this.code = code
    this.status = options.status ?? 500
    this.statusCode = this.status
    this.expose = this.status < 500
  }
}

/**
 * A store call failed or timed out. Answered with 503: the client may retry. `cause` is a
 * plain `Error` with only the original's `name`, `message` and `code`: a client library's error
 * can carry the failed command with its arguments (ioredis: the key and every attribute value
 * written), which a JSON logger would otherwise write out.
 */
export class SessionStoreError extends SessionError {
  constructor(operation: string, cause: unknown) {
    super('STORE_UNAVAILABLE', `session store ${operation} failed: ${describe(cause)}`, {
      cause: safeCause(cause),
      status: 503,
    })
  }
}

/**
 * A session's encoded attributes would exceed `maxSize`: thrown by `set()` (changing nothing),
 * or at commit when a store refuses a patch because concurrent requests grew the session.
 * `size` is in bytes; for a value refused before encoding it is a lower bound.
 */
export class SessionTooLargeError extends SessionError {
  constructor(
    readonly size: number,
    readonly maxSize: number,
    attribute?: string,
  ) {
    super(
      'SESSION_TOO_LARGE',
      `${attribute === undefined ? 'the change' : `setting "${attribute}"`} would make the session ${size} bytes, over maxSize ${maxSize}`,
      { status: 413 },
    )
  }
}

/** The options given to `createSessionManager` cannot work. Thrown at start-up. */
export class SessionConfigError extends SessionError {
  constructor(message: string) {
    super('INVALID_CONFIG', message)
  }
}

/** The session or lifecycle was used out of order (e.g. `commit()` twice, `set` after commit). */
export class SessionStateError extends SessionError {
  constructor(message: string) {
    super('INVALID_STATE', message)
  }
}

function describe(cause: unknown): string {
  return cause instanceof Error ? cause.message : String(cause)
}

function safeCause(cause: unknown): Error {
  const safe = new Error(describe(cause))
  if (cause instanceof Error) {
    safe.name = cause.name
    const code = (cause as { code?: unknown }).code
    if (typeof code === 'string' || typeof code === 'number') Object.assign(safe, { code })
  }
  return safe
}

import { type HttpSession, SessionError, type SessionManager } from '@fly-session/core'

import type { ApiAction, Framework, PlaygroundView, StoreDescription } from './api'
import './session-data'

/** One API request, already translated from its framework: the part the framework apps share. */
export interface ApiCall {
  action: ApiAction
  session: HttpSession
  framework: Framework
  /** The parsed JSON body of a POST, `undefined` for a GET or an empty body. */
  body: unknown
}

/** What the framework writes back: a status and a JSON body. */
export interface ApiReply {
  status: number
  body: Record<string, unknown>
}

/** The playground's behaviour, framework-free, so the framework apps cannot drift apart. */
export interface PlaygroundService {
  handle(call: ApiCall): Promise<ApiReply>
}

/** A name: letters, digits, space and `._@-`, at most 40 characters (it is the session's principal). */
const NAME_PATTERN = /^[\p{L}\p{N} ._@-]{1,40}$/u

const ok = (body: Record<string, unknown> = { ok: true }): ApiReply => ({ status: 200, body })
const fail = (status: number, error: string, message: string): ApiReply => ({
  status,
  body: { error, message },
})
const signedOut = (): ApiReply => fail(401, 'signed-out', 'This session is not signed in.')

/** Creates the service over the manager that all the framework apps share. */
export function createPlaygroundService(options: {
  manager: SessionManager
  store: StoreDescription
}): PlaygroundService {
  const { manager, store } = options

  async function view(session: HttpSession, framework: Framework): Promise<PlaygroundView> {
    const name = session.principal
    if (name === undefined) return { signedIn: false, store, servedBy: framework }
    const counter = session.get('counter')
    return {
      signedIn: true,
      store,
      servedBy: framework,
      name,
      counter: { value: counter?.value ?? 0, lastWriter: counter?.lastWriter ?? null },
      session: {
        createdAt: session.createdAt,
        lastAccessedAt: session.lastAccessedAt,
        expiresAt: session.expiresAt,
      },
      sessions: await manager.listSessions(name, { current: session }),
    }
  }

  /** Actions that need a signed-in session get its principal; the rest of the table does not. */
  const signedInActions: Record<
    Exclude<ApiAction, 'state' | 'signIn' | 'signOut'>,
    (call: ApiCall, principal: string) => Promise<ApiReply>
  > = {
    async sessions({ session }, principal) {
      return ok({ sessions: await manager.listSessions(principal, { current: session }) })
    },
    async increment({ session, framework }) {
      const value = (session.get('counter')?.value ?? 0) + 1
      session.set('counter', { value, lastWriter: framework })
      return ok({ counter: { value, lastWriter: framework } })
    },
    async revoke({ body }, principal) {
      const handle = field(body, 'handle')
      if (handle === undefined) return fail(400, 'invalid-handle', 'Send { "handle": "..." }.')
      try {
        // With `principal`, a handle of somebody else's session is refused, not obeyed.
        await manager.invalidateSession(handle, { principal })
      } catch (error) {
        if (error instanceof SessionError && error.code === 'INVALID_HANDLE') {
          return fail(error.status, 'invalid-handle', 'That is not one of your sessions.')
        }
        throw error
      }
      return ok()
    },
    async signOutOthers({ session }, principal) {
      return ok({ revoked: await manager.invalidateAll(principal, { except: session }) })
    },
  }

  return {
    async handle(call) {
      const { action, session } = call
      if (action === 'state') return ok({ view: await view(session, call.framework) })
      if (action === 'signIn') return signIn(call)
      if (action === 'signOut') {
        session.invalidate()
        return ok()
      }
      const principal = session.principal
      if (principal === undefined) return signedOut()
      return signedInActions[action](call, principal)
    },
  }
}

function signIn({ session, body }: ApiCall): ApiReply {
  const name = field(body, 'name')?.trim()
  if (name === undefined || !NAME_PATTERN.test(name)) {
    return fail(400, 'invalid-name', 'A name is 1 to 40 letters, digits, spaces or ._@-')
  }
  // A new ID at every privilege change, so an ID planted before sign-in is worthless after it.
  session.regenerate()
  session.principal = name
  return ok()
}

/** A string property of a JSON body, or `undefined`. */
function field(body: unknown, name: string): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined
  const value = (body as Record<string, unknown>)[name]
  return typeof value === 'string' ? value : undefined
}

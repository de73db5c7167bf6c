import { type SessionManager, type SessionOptions, session } from '@fly-session/express'
import { Gates } from '@fly-session/testkit/adapters'
import express, { type ErrorRequestHandler } from 'express'
import { Rendezvous } from './rendezvous'

/** What `GET /session` answers: the whole session. Values are the strings the query carried. */
export interface SessionBody {
  isNew: boolean
  attributes: Record<string, unknown>
}

export interface SessionApp {
  app: express.Express
  /** Handlers of `/set?gate=` wait here until the test opens the gate. */
  gates: Gates
  /** Handlers of `/set?pair=` wait here for the other request of their pair. */
  rendezvous: Rendezvous
}

function query(req: express.Request, name: string): string | undefined {
  const value = req.query[name]
  return typeof value === 'string' ? value : undefined
}

/** The whole session, as JSON: what a test compares. */
function snapshot(req: express.Request): SessionBody {
  const s = req.session as unknown as { get(name: string): unknown; keys(): string[] }
  return {
    isNew: req.session.isNew,
    attributes: Object.fromEntries(s.keys().map((name) => [name, s.get(name)])),
  }
}

/** Answers errors with their status and code only (no stack in the test output). */
const errorsAsJson: ErrorRequestHandler = (error, _req, res, _next) => {
  const status = typeof error?.status === 'number' ? error.status : 500
  res.status(status).json({ code: error?.code ?? 'INTERNAL' })
}

/**
 * An Express 5 app on @fly-session/express whose routes are the moves of the scenarios:
 * read, write (optionally after a gate or a rendezvous), log in (regenerate), log out.
 */
export function sessionApp(options: SessionOptions | SessionManager): SessionApp {
  const gates = new Gates()
  const rendezvous = new Rendezvous()
  const app = express()
  // Answered without touching the session: no store call at all.
  app.get('/anonymous', (_req, res) => {
    res.json({ ok: true })
  })
  app.use(session(options))
  app.get('/session', (req, res) => {
    res.json(snapshot(req))
  })
  app.post('/set', async (req, res) => {
    const gate = query(req, 'gate')
    const pair = query(req, 'pair')
    if (gate !== undefined) await gates.pass(gate)
    if (pair !== undefined) await rendezvous.arrive(pair, 2)
    const attributes = req.session as unknown as { set(name: string, value: unknown): void }
    attributes.set(query(req, 'name') ?? 'value', query(req, 'value') ?? '')
    res.json(snapshot(req))
  })
  app.post('/login', (req, res) => {
    req.session.regenerate()
    const attributes = req.session as unknown as { set(name: string, value: unknown): void }
    attributes.set('role', 'admin')
    res.json(snapshot(req))
  })
  app.post('/logout', (req, res) => {
    req.session.invalidate()
    res.json({ ok: true })
  })
  app.use(errorsAsJson)
  return { app, gates, rendezvous }
}

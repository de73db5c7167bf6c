import { createSessionManager, session } from '@fly-session/express/compat'
import { MemoryStore } from '@fly-session/store-memory'
import express from 'express'

// One manager (one store, one secret, one cookie) shared by several apps: they see the same
// sessions, and `manager.listSessions(userId)` / `manager.invalidateAll(userId)` cover them all.
export function createApps(env: NodeJS.ProcessEnv = process.env) {
  const manager = createSessionManager({ store: new MemoryStore(), secret: env.SESSION_SECRET ?? '' })
  const api = express()
  const admin = express()
  api.use(session(manager))
  admin.use(session(manager))
  return { manager, api, admin }
}

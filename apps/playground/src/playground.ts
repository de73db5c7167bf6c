import { randomBytes } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

import { createSessionManager } from '@fly-session/core'
import { getRequestListener } from '@hono/node-server'
import { toNodeHandler } from 'h3'

import { FRAMEWORKS, type Framework, type StoreDescription } from './api'
import type { AppDeps } from './apps/app-deps'
import { createExpressApp } from './apps/express-app'
import { createFastifyApp } from './apps/fastify-app'
import { createH3App } from './apps/h3-app'
import { createHonoApp } from './apps/hono-app'
import { createKoaApp } from './apps/koa-app'
import { createPlaygroundService } from './playground-service'
import { requestPath } from './request-path'
import { loadPage } from './static-page'
import { openStore, type StoreChoice } from './store'

/** Options of {@link startPlayground}. */
export interface PlaygroundOptions {
  /** Port to listen on; `0` picks a free one. @default 3000 */
  port?: number
  /** Interface to listen on. The page needs a secure context for its `Secure` cookie: localhost is one. @default 'localhost' */
  host?: string
  /** @default { kind: 'memory' } */
  store?: StoreChoice
  /** Signs the session cookie (at least 32 characters). @default a random secret made at start */
  secret?: string
  /** Where the playground's log lines go. @default console.log */
  log?: (line: string) => void
}

/** A running playground. */
export interface Playground {
  /** The page's address, e.g. `http://localhost:3000`. */
  url: string
  store: StoreDescription
  /** Stops the server and lets go of the store. */
  close(): Promise<void>
}

/** The port when none is given. */
export const DEFAULT_PORT = 3000

type NodeHandler = (req: IncomingMessage, res: ServerResponse) => void

/**
 * Starts one `node:http` server with Express, Koa, h3, Fastify and Hono mounted under `/express`,
 * `/koa`, `/h3`, `/fastify` and `/hono`, all on one `SessionManager`, and the page at `/`. One
 * origin, so one cookie.
 */
export async function startPlayground(options: PlaygroundOptions = {}): Promise<Playground> {
  const log = options.log ?? console.log
  const opened = await openStore(options.store ?? { kind: 'memory' }, log)
  try {
    const manager = createSessionManager({ store: opened.store, secret: options.secret ?? randomSecret(log) })
    const deps: AppDeps = {
      manager,
      service: createPlaygroundService({ manager, store: opened.description }),
      onError: (framework, error) => log(`[${framework}] ${error instanceof Error ? error.message : error}`),
    }
    const mounts: Record<Framework, NodeHandler> = {
      express: createExpressApp(deps),
      koa: createKoaApp(deps).callback(),
      h3: toNodeHandler(createH3App(deps)),
      fastify: await createFastifyApp(deps),
      hono: getRequestListener(createHonoApp(deps).fetch),
    }
    const page = await loadPage()
    const server = createServer((req, res) => {
      const path = requestPath(req)
      // Only the method, path and status: never headers, so never the session cookie.
      res.on('finish', () => log(`${req.method} ${path} ${res.statusCode}`))
      const framework = mountOf(path)
      if (framework === undefined) page(req, res)
      else mounts[framework](req, res)
    })
    const port = await listen(server, options.port ?? DEFAULT_PORT, options.host ?? 'localhost')
    const url = `http://localhost:${port}`
    log(
      `fly-session playground: ${url}  (Express, Koa, h3, Fastify and Hono on one ${opened.description.label})`,
    )
    return {
      url,
      store: opened.description,
      async close() {
        await new Promise<void>((resolve) => {
          server.close(() => resolve())
          // Browsers keep connections alive; without this, close() waits for them to time out.
          server.closeAllConnections()
        })
        await opened.close()
      },
    }
  } catch (error) {
    await opened.close()
    throw error
  }
}

function mountOf(path: string): Framework | undefined {
  const first = path.split('/')[1]
  return FRAMEWORKS.find((framework) => framework === first)
}

function randomSecret(log: (line: string) => void): string {
  log('SESSION_SECRET is not set: signing cookies with a random secret made now (sessions end at restart)')
  return randomBytes(32).toString('base64url')
}

function listen(server: ReturnType<typeof createServer>, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => {
      server.off('error', reject)
      resolve((server.address() as AddressInfo).port)
    })
  })
}

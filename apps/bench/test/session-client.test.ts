import { randomUUID } from 'node:crypto'
import { type Listening, listen } from '@fly-session/testkit/http'
import { afterEach, describe, expect, it } from 'vitest'
import { seedSessions, verifySessions } from '../src/harness/session-client'
import { ROUTES } from '../src/servers/contract'

const open: Listening[] = []
afterEach(async () => {
  for (const server of open.splice(0)) await server.close()
})

/** The bench's three routes over a Map of sessions; `keep: false` forgets every session it seeds. */
async function contractServer(keep: boolean): Promise<string> {
  const sessions = new Map<string, { user: string; counter: number }>()
  const server = await listen((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    const session = sessions.get(/sid=([\w-]+)/.exec(req.headers.cookie ?? '')?.[1] ?? '')
    let body: unknown
    if (url.pathname === ROUTES.seed) {
      const id = randomUUID()
      if (keep) sessions.set(id, { user: url.searchParams.get('token') ?? '', counter: 0 })
      res.setHeader('set-cookie', `sid=${id}; Path=/; HttpOnly`)
      body = { ok: true }
    } else if (url.pathname === ROUTES.read) body = { user: session?.user ?? null }
    else body = { counter: session ? ++session.counter : 1 }
    res.setHeader('content-type', 'application/json')
    res.end(JSON.stringify(body))
  })
  open.push(server)
  return server.url
}

describe('session verification before measuring', () => {
  it('accepts a server whose sessions read back their own token and count', async () => {
    const url = await contractServer(true)
    await expect(verifySessions(url, await seedSessions(url, 3))).resolves.toBeUndefined()
  })

  it('rejects a server that answers every route but keeps no session', async () => {
    const url = await contractServer(false)
    await expect(verifySessions(url, await seedSessions(url, 3))).rejects.toThrow(/read with a seeded cookie/)
  })
})

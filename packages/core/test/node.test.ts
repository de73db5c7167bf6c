import { createServer, type IncomingMessage, type Server, ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

import { afterEach, describe, expect, it } from 'vitest'

import type { HttpSession, SessionLifecycle, SessionManager } from '../src'
import { appendSetCookie, bindLifecycleToResponse, openNodeSession } from '../src/node'
import { cookiePair, setup } from './support/requests'
import './support/session-data'

type Handler = (req: IncomingMessage, res: ServerResponse, session: HttpSession) => void | Promise<void>

const servers: Server[] = []
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))))
})

/** A bare node:http server using the helpers the way a Node-http adapter does. */
async function serve(manager: SessionManager, handler: Handler): Promise<string> {
  const server = createServer(async (req, res) => {
    const onCommitError = (error: unknown) => {
      res.statusCode = (error as { status?: number }).status ?? 500
      res.end('commit failed')
    }
    try {
      const session = await openNodeSession(manager, req, res, onCommitError)
      await handler(req, res, session)
    } catch (error) {
      res.statusCode = (error as { status?: number }).status ?? 500
      res.end(String(error))
    }
  })
  servers.push(server)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
}

describe('@fly-session/core/node over a real server', () => {
  it('adds the session cookie next to the app cookies, whichever way the headers are written', async () => {
    const { manager } = setup()
    const url = await serve(manager, (req, res, session) => {
      session.set('views', 1)
      if (req.url === '/writeHead-object') {
        res.writeHead(200, { 'Set-Cookie': 'theme=dark', 'content-type': 'text/plain' })
        res.end('ok')
      } else if (req.url === '/writeHead-raw') {
        res.writeHead(200, ['Set-Cookie', 'theme=dark'])
        res.end('ok')
      } else {
        appendSetCookie(res, 'theme=dark')
        res.setHeader('x-stream', '1')
        res.write('chunk ')
        res.end('ok')
      }
    })
    for (const path of ['/writeHead-object', '/writeHead-raw', '/write']) {
      const response = await fetch(url + path)
      const cookies = response.headers.getSetCookie()
      expect(cookies).toHaveLength(2)
      expect(cookies[0]).toBe('theme=dark')
      expect(cookies[1]).toMatch(/^sid=/)
    }
  })

  it('finishes the commit before the response completes, so a redirect is followed by a read of the write', async () => {
    const { manager, store } = setup()
    let committedBeforeEnd = false
    const url = await serve(manager, (req, res, session) => {
      if (req.url === '/login') {
        session.set('views', 42)
        res.on('finish', () => {
          committedBeforeEnd = store.records.size === 1
        })
        res.writeHead(302, { location: '/read' }).end()
      } else {
        res.end(String(session.get('views')))
      }
    })
    const login = await fetch(`${url}/login`, { redirect: 'manual' })
    expect(login.status).toBe(302)
    const cookie = cookiePair(login.headers.getSetCookie()[0])!
    const read = await fetch(`${url}/read`, { headers: { cookie } })
    expect(await read.text()).toBe('42')
    expect(committedBeforeEnd).toBe(true)
  })

  it('ends a read-only response inside end() itself, and holds a writing one for its commit', async () => {
    const { manager } = setup()
    // What end() left behind, seen synchronously right after it returned.
    const seen: Record<
      string,
      { headersSent: boolean; nodeEnd: boolean; writableEnded: boolean; ownGetter: boolean }
    > = {}
    const url = await serve(manager, (req, res, session) => {
      if (req.url === '/write') session.set('views', ((session.get('views') as number) ?? 0) + 1)
      else session.get('views')
      res.end('ok')
      seen[req.url!] = {
        headersSent: res.headersSent,
        nodeEnd: res.end === ServerResponse.prototype.end,
        writableEnded: res.writableEnded,
        ownGetter: Object.hasOwn(res, 'writableEnded'),
      }
    })
    const first = await fetch(`${url}/write`)
    const cookie = cookiePair(first.headers.getSetCookie()[0])!
    await (await fetch(`${url}/read`, { headers: { cookie } })).text()
    await (await fetch(`${url}/write`, { headers: { cookie } })).text()
    // The fast path: Node's own end() ran inside the call (the headers are out), the wrapper is gone.
    expect(seen['/read']).toEqual({ headersSent: true, nodeEnd: true, writableEnded: true, ownGetter: false })
    // The slow path, for contrast: the end waits for the store write, and reads as ended meanwhile
    // through Node's own getter (by its `finished` field), with no property added to `res`.
    expect(seen['/write']).toEqual({
      headersSent: false,
      nodeEnd: false,
      writableEnded: true,
      ownGetter: false,
    })
  })

  it('takes the same fast path for a lifecycle wrapper that implements only commit()', async () => {
    const { manager } = setup()
    const seen: Record<string, boolean> = {}
    const server = createServer(async (req, res) => {
      const inner = manager.begin(req.headers.cookie)
      const session = await inner.load()
      const wrapper: SessionLifecycle = {
        get state() {
          return inner.state
        },
        load: () => inner.load(),
        setCookie: () => inner.setCookie(),
        commit: () => inner.commit(),
      }
      bindLifecycleToResponse(res, wrapper, () => res.end('commit failed'))
      if (req.url === '/write') session.set('views', 1)
      res.end('ok')
      seen[req.url!] = res.headersSent
    })
    servers.push(server)
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    const first = await fetch(`${url}/write`)
    const cookie = cookiePair(first.headers.getSetCookie()[0])!
    await (await fetch(`${url}/read`, { headers: { cookie } })).text()
    expect(seen).toEqual({ '/write': false, '/read': true })
  })

  it('hands a commit failure to onCommitError before anything is sent (503, no session cookie)', async () => {
    const { manager, store } = setup()
    const url = await serve(manager, (_req, res, session) => {
      session.set('views', 1)
      store.failure = new Error('down')
      res.setHeader('content-type', 'text/plain')
      res.end('would have been ok')
    })
    const response = await fetch(url)
    expect(response.status).toBe(503)
    expect(await response.text()).toBe('commit failed')
    expect(response.headers.getSetCookie()).toEqual([])
  })

  it('aborts a streamed response whose commit fails instead of claiming success', async () => {
    const { manager, store } = setup()
    const url = await serve(manager, (_req, res, session) => {
      session.set('views', 1)
      res.write('started')
      store.failure = new Error('down')
      res.end('done')
    })
    await expect(fetch(url).then((r) => r.text())).rejects.toThrow()
  })
})

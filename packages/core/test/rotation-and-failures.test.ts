import { describe, expect, it } from 'vitest'

import { SessionStoreError } from '../src'
import { LoggedStore } from './support/logged-store'
import { request, SECRET, setup } from './support/requests'
import './support/session-data'

const NEW_SECRET = 'the-new-secret-that-is-also-long-enough-9876'

describe('secret rotation', () => {
  it('accepts a cookie signed by an older secret and re-signs it with the first at once', async () => {
    const store = new LoggedStore()
    const before = setup({}, store)
    const { cookie } = await request(before.manager, undefined, (s) => s.set('views', 1))
    const after = setup({ secret: [NEW_SECRET, SECRET] }, store)
    store.reset()
    const { session, setCookie } = await request(after.manager, cookie)
    expect(session.get('views')).toBe(1)
    expect(store.methods()).toEqual(['get', 'touch'])
    expect(setCookie).toBeDefined()
    const resigned = setCookie!.split(';')[0]!
    expect(resigned).not.toBe(cookie)
    const onlyNew = setup({ secret: NEW_SECRET }, store)
    expect((await request(onlyNew.manager, resigned)).session.get('views')).toBe(1)
    expect((await request(onlyNew.manager, cookie)).session.isNew).toBe(true)
  })
})

describe('store failures fail closed', () => {
  it("rejects load with SessionStoreError (503) by default, reports it, and moves to 'failed'", async () => {
    const errors: unknown[] = []
    const { manager, store } = setup({ hooks: { storeError: (e) => errors.push(e) } })
    const { cookie } = await request(manager, undefined, (s) => s.set('views', 1))
    store.failure = Object.assign(new Error('connection refused'), { code: 'ECONNREFUSED' })
    const lifecycle = manager.begin(cookie)
    const failure = await lifecycle.load().catch((e: unknown) => e)
    expect(failure).toBeInstanceOf(SessionStoreError)
    expect(failure).toMatchObject({ code: 'STORE_UNAVAILABLE', status: 503, statusCode: 503 })
    expect((failure as Error).message).toBe('[fly-session] session store get failed: connection refused')
    // The cause keeps what is safe to log (name, message, code), not the client's error object.
    expect((failure as Error).cause).not.toBe(store.failure)
    expect((failure as Error).cause).toMatchObject({
      name: 'Error',
      message: 'connection refused',
      code: 'ECONNREFUSED',
    })
    expect(lifecycle.state).toBe('failed')
    expect(lifecycle.setCookie()).toBeUndefined()
    expect(errors).toEqual([failure])
  })

  it('rejects commit with SessionStoreError when the write fails, so the response can be a 503', async () => {
    const { manager, store } = setup()
    const lifecycle = manager.begin(undefined)
    const session = await lifecycle.load()
    session.set('views', 1)
    store.failure = new Error('READONLY')
    await expect(lifecycle.commit()).rejects.toBeInstanceOf(SessionStoreError)
    expect(lifecycle.state).toBe('failed')
  })

  it("with onStoreError 'continue', goes on with an empty session that is never saved and sets no cookie", async () => {
    const errors: unknown[] = []
    const { manager, store } = setup({
      onStoreError: 'continue',
      hooks: { storeError: (e) => errors.push(e) },
    })
    const { cookie } = await request(manager, undefined, (s) => s.set('views', 1))
    store.failure = new Error('timeout')
    store.reset()
    const { session, setCookie } = await request(manager, cookie, (s) => s.set('views', 2))
    expect(session.get('views')).toBe(2)
    expect(setCookie).toBeUndefined()
    expect(store.methods()).toEqual(['get'])
    expect(errors).toHaveLength(1)
    store.failure = undefined
    expect((await request(manager, cookie)).session.get('views')).toBe(1)
  })

  it("with onStoreError 'continue', a failed commit resolves and reports the error", async () => {
    const errors: unknown[] = []
    const { manager, store } = setup({
      onStoreError: 'continue',
      hooks: { storeError: (e) => errors.push(e) },
    })
    const lifecycle = manager.begin(undefined)
    ;(await lifecycle.load()).set('views', 1)
    store.failure = new Error('down')
    await expect(lifecycle.commit()).resolves.toBeUndefined()
    expect(errors).toHaveLength(1)
  })

  it('turns a store that throws synchronously into SessionStoreError too', async () => {
    const store = new LoggedStore()
    store.get = () => {
      throw new TypeError('client is closed')
    }
    const { manager } = setup({}, store)
    const { cookie } = await request(manager, undefined, (s) => s.set('views', 1))
    await expect(manager.begin(cookie).load()).rejects.toBeInstanceOf(SessionStoreError)
  })
})

describe('hooks', () => {
  it('fires created, regenerated (with the previous ID) and invalidated after their commits', async () => {
    const events: string[] = []
    const { manager } = setup({
      hooks: {
        created: (s) => events.push(`created:${s.isNew}`),
        regenerated: (s, previousId) => events.push(`regenerated:${previousId !== s.id}`),
        invalidated: (s) => events.push(`invalidated:${s.invalidated}`),
      },
    })
    const { cookie } = await request(manager, undefined, (s) => s.set('views', 1))
    const { cookie: next } = await request(manager, cookie, (s) => s.regenerate())
    await request(manager, next, (s) => s.invalidate())
    expect(events).toEqual(['created:true', 'regenerated:true', 'invalidated:true'])
  })
})

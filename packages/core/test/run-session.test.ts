import { describe, expect, it } from 'vitest'

import { runSession, SessionStoreError } from '../src'
import { cookiePair, request, setup } from './support/requests'
import './support/session-data'

describe('runSession (frameworks that answer after their middleware settles)', () => {
  it('commits after the handler and hands over the cookie, returning what the handler returned', async () => {
    const { manager, store } = setup()
    const cookies: string[] = []
    const result = await runSession(
      manager,
      undefined,
      (s) => {
        s.set('views', 1)
        return 'ok'
      },
      (c) => cookies.push(c),
    )
    expect(result).toBe('ok')
    expect(store.methods()).toEqual(['set'])
    expect(cookies).toHaveLength(1)
    expect((await request(manager, cookiePair(cookies[0]))).session.get('views')).toBe(1)
  })

  it("keeps what a throwing handler wrote, and rethrows the handler's error", async () => {
    const { manager } = setup()
    const cookies: string[] = []
    const failure = new Error('handler bug')
    await expect(
      runSession(
        manager,
        undefined,
        (s) => {
          s.set('views', 2)
          throw failure
        },
        (c) => cookies.push(c),
      ),
    ).rejects.toBe(failure)
    expect((await request(manager, cookiePair(cookies[0]))).session.get('views')).toBe(2)
  })

  it('rejects with SessionStoreError and hands over no cookie when the commit fails', async () => {
    const { manager, store } = setup()
    const cookies: string[] = []
    const run = runSession(
      manager,
      undefined,
      (s) => {
        s.set('views', 1)
        store.failure = new Error('down')
      },
      (c) => cookies.push(c),
    )
    await expect(run).rejects.toBeInstanceOf(SessionStoreError)
    expect(cookies).toEqual([])
  })

  it("rethrows the handler's error, not the store's, when both fail (the store error still reaches the hook)", async () => {
    const storeErrors: unknown[] = []
    const { manager, store } = setup({ hooks: { storeError: (e) => storeErrors.push(e) } })
    const failure = new Error('handler bug')
    const run = runSession(
      manager,
      undefined,
      (s) => {
        s.set('views', 1)
        store.failure = new Error('down')
        throw failure
      },
      () => {},
    )
    await expect(run).rejects.toBe(failure)
    expect(storeErrors).toHaveLength(1)
  })
})

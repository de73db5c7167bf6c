import { describe, expect, it } from 'vitest'

import { SessionError, WRAPPED_SESSION } from '../src'
import { LoggedStore } from './support/logged-store'
import { request, setup } from './support/requests'
import './support/session-data'

async function signIn(manager: ReturnType<typeof setup>['manager'], principal: string) {
  return request(manager, undefined, (s) => {
    s.regenerate()
    s.principal = principal
  })
}

describe('all sessions of a principal', () => {
  it('lists the live sessions of one principal, newest first, marking the current one', async () => {
    const { manager } = setup()
    const laptop = await signIn(manager, 'ada')
    const phone = await signIn(manager, 'ada')
    await signIn(manager, 'bob')
    const { session: current } = await request(manager, phone.cookie)
    const list = await manager.listSessions('ada', { current })
    expect(list).toHaveLength(2)
    expect(list.filter((s) => s.current)).toHaveLength(1)
    for (const summary of list) {
      expect(summary.handle).toMatch(/^[A-Za-z0-9_-]+$/)
      expect(summary.handle).not.toContain(laptop.session.id)
      expect(summary.handle).not.toContain(phone.session.id)
      expect(summary.expiresAt).toBeGreaterThan(Date.now())
    }
    expect(await manager.listSessions('nobody')).toEqual([])
  })

  it('invalidates all sessions of a principal but the current one', async () => {
    const { manager } = setup()
    const laptop = await signIn(manager, 'ada')
    const phone = await signIn(manager, 'ada')
    const bob = await signIn(manager, 'bob')
    const { session: current } = await request(manager, phone.cookie)
    expect(await manager.invalidateAll('ada', { except: current })).toBe(1)
    expect((await request(manager, laptop.cookie)).session.isNew).toBe(true)
    expect((await request(manager, phone.cookie)).session.principal).toBe('ada')
    expect((await request(manager, bob.cookie)).session.principal).toBe('bob')
    expect(await manager.invalidateAll('ada')).toBe(1)
  })

  it('recognises an adapter facade as the session it wraps (current, except)', async () => {
    const { manager } = setup()
    await signIn(manager, 'ada')
    const phone = await signIn(manager, 'ada')
    const { session: current } = await request(manager, phone.cookie)
    const facade = { [WRAPPED_SESSION]: current }
    const list = await manager.listSessions('ada', { current: facade as never })
    expect(list.filter((s) => s.current)).toHaveLength(1)
    expect(await manager.invalidateAll('ada', { except: facade as never })).toBe(1)
    expect(await manager.listSessions('ada')).toHaveLength(1)
  })

  it('revokes one session by handle, refusing a handle of another principal or a forged one', async () => {
    const { manager } = setup()
    const laptop = await signIn(manager, 'ada')
    await signIn(manager, 'bob')
    const [adaHandle] = (await manager.listSessions('ada')).map((s) => s.handle)
    const [bobHandle] = (await manager.listSessions('bob')).map((s) => s.handle)
    await expect(manager.invalidateSession(bobHandle!, { principal: 'ada' })).rejects.toMatchObject({
      code: 'INVALID_HANDLE',
      status: 403,
    })
    await expect(manager.invalidateSession(`${adaHandle!.slice(0, -2)}AA`)).rejects.toMatchObject({
      code: 'INVALID_HANDLE',
      status: 400,
    })
    await expect(manager.invalidateSession('')).rejects.toBeInstanceOf(SessionError)
    await manager.invalidateSession(adaHandle!, { principal: 'ada' })
    expect((await request(manager, laptop.cookie)).session.isNew).toBe(true)
    expect(await manager.listSessions('bob')).toHaveLength(1)
  })

  it('does not list a session the store still returns after core would consider it expired', async () => {
    const { manager } = setup({ idleTimeout: 1, touchInterval: 0 }, new LoggedStore({ keepExpired: true }))
    await signIn(manager, 'ada')
    await new Promise((resolve) => setTimeout(resolve, 1100))
    expect(await manager.listSessions('ada')).toEqual([])
  })

  it('says UNSUPPORTED when the store cannot list by principal', async () => {
    const { manager } = setup({}, new LoggedStore({ list: false }))
    await expect(manager.listSessions('ada')).rejects.toMatchObject({ code: 'UNSUPPORTED' })
  })
})

import { execFileSync } from 'node:child_process'
import { setTimeout as sleep } from 'node:timers/promises'
import { fileURLToPath } from 'node:url'

import { sessionPatch, storedSession } from '@fly-session/core/testing'
import { afterEach, describe, expect, it, vi } from 'vitest'

import { MemoryStore } from '../src'

const stores: MemoryStore[] = []
function store(options?: ConstructorParameters<typeof MemoryStore>[0]): MemoryStore {
  const created = new MemoryStore(options)
  stores.push(created)
  return created
}
afterEach(async () => {
  await Promise.all(stores.splice(0).map((s) => s.dispose()))
})

describe('MemoryStore bounds', () => {
  it('evicts the least recently used session past maxEntries', async () => {
    const memory = store({ maxEntries: 3 })
    for (const key of ['a', 'b', 'c']) await memory.set(key, storedSession(), 60)
    await memory.get('a')
    await memory.set('d', storedSession(), 60)
    expect(memory.size).toBe(3)
    expect(await memory.get('b')).toBeNull()
    expect(await memory.get('a')).not.toBeNull()
    expect(await memory.get('d')).not.toBeNull()
  })

  it('keeps a patched session where its load put it in the eviction order, and its index following its principal', async () => {
    const memory = store({ maxEntries: 3 })
    for (const key of ['a', 'b', 'c']) await memory.set(key, storedSession({ principal: 'ada' }), 60)
    await memory.get('b')
    await memory.get('a')
    expect(
      await memory.patch('b', sessionPatch({ set: {}, remove: [], lastAccessedAt: 1, principal: 'bob' }), 60),
    ).toBe(true)
    await memory.set('d', storedSession(), 60)
    expect(await memory.get('c')).toBeNull()
    expect((await memory.listByPrincipal('ada')).map((e) => e.key)).toEqual(['a'])
    expect((await memory.listByPrincipal('bob')).map((e) => e.key)).toEqual(['b'])
    expect(
      await memory.patch('b', sessionPatch({ set: {}, remove: [], lastAccessedAt: 2, principal: null }), 60),
    ).toBe(true)
    expect(await memory.listByPrincipal('bob')).toEqual([])
    expect((await memory.get('b'))?.lastAccessedAt).toBe(2)
  })

  it('drops an evicted session from its principal index', async () => {
    const memory = store({ maxEntries: 1 })
    await memory.set('a', storedSession({ principal: 'ada' }), 60)
    await memory.set('b', storedSession({ principal: 'bob' }), 60)
    expect(await memory.listByPrincipal('ada')).toEqual([])
    expect((await memory.listByPrincipal('bob')).map((e) => e.key)).toEqual(['b'])
  })

  it('refuses nonsense bounds', () => {
    expect(() => new MemoryStore({ maxEntries: 0 })).toThrow(/maxEntries/)
    expect(() => new MemoryStore({ sweepInterval: 0 })).toThrow(/sweepInterval/)
  })
})

describe('MemoryStore defaults (what its README says)', () => {
  it('keeps at most 100000 sessions (maxEntries), evicting the least recently used past that', async () => {
    const memory = store()
    for (let i = 0; i <= 100_000; i++) await memory.set(`s${i}`, storedSession(), 60)
    expect(memory.size).toBe(100_000)
    expect(await memory.get('s0')).toBeNull()
    expect(await memory.get('s1')).not.toBeNull()
  })

  it('sweeps expired sessions every 60 seconds (sweepInterval)', async () => {
    // Only the store's interval timer runs on the test's clock; expiry uses the real one.
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] })
    try {
      const memory = new MemoryStore()
      await memory.set('short', storedSession(), 0.01)
      await sleep(50)
      vi.advanceTimersByTime(59_999)
      expect(memory.size).toBe(1)
      vi.advanceTimersByTime(1)
      expect(memory.size).toBe(0)
      await memory.dispose()
    } finally {
      vi.useRealTimers()
    }
  })
})

describe('MemoryStore sweeping', () => {
  it('frees expired sessions on its timer', async () => {
    const memory = store({ sweepInterval: 0.2 })
    await memory.set('short', storedSession(), 0.1)
    await memory.set('long', storedSession(), 60)
    expect(memory.size).toBe(2)
    await sleep(450)
    expect(memory.size).toBe(1)
  })

  it('sweeps a large store in slices, answering requests between them', async () => {
    const memory = store({ sweepInterval: 0.05 })
    for (let i = 0; i < 50_000; i++) await memory.set(`s${i}`, storedSession(), 0.02)
    await memory.set('live', storedSession(), 60)
    let answeredDuringSweep = 0
    const deadline = Date.now() + 5000
    while (memory.size > 1 && Date.now() < deadline) {
      if ((await memory.get('live')) !== null && memory.size > 1 && memory.size < 50_001)
        answeredDuringSweep++
      await new Promise((resolve) => setImmediate(resolve))
    }
    expect(memory.size).toBe(1)
    expect(answeredDuringSweep).toBeGreaterThan(0)
  })

  it('sweep() reports how many it freed', async () => {
    const memory = store()
    await memory.set('a', storedSession(), 60)
    await memory.set('b', storedSession(), 60)
    expect(memory.sweep(Date.now() + 61_000)).toBe(2)
    expect(memory.size).toBe(0)
  })

  it('does not keep the process alive', () => {
    const entry = fileURLToPath(new URL('../src/index.ts', import.meta.url))
    const script = `import { MemoryStore } from ${JSON.stringify(entry)}; new MemoryStore({ sweepInterval: 1 }); console.log('created')`
    const output = execFileSync(
      process.execPath,
      ['--import', 'tsx', '--conditions=@fly-session/source', '--input-type=module', '-e', script],
      {
        timeout: 10_000,
        encoding: 'utf8',
      },
    )
    expect(output.trim()).toBe('created')
  })
})

import { describe, expect, it } from 'vitest'
import { type CpuProfile, ownerOf, profileCosts } from '../src/profile/profile'

const profile: CpuProfile = {
  nodes: [
    { id: 1, callFrame: { functionName: '(idle)', url: '', lineNumber: -1 } },
    {
      id: 2,
      callFrame: { functionName: 'load', url: 'file:///repo/packages/core/dist/index.js', lineNumber: 9 },
    },
    {
      id: 3,
      callFrame: {
        functionName: 'handle',
        url: 'file:///repo/node_modules/.pnpm/koa@3.3.0/node_modules/koa/lib/application.js',
        lineNumber: 0,
      },
    },
  ],
  startTime: 1_000,
  // Samples at 1100, 1200, 1300, 1400; each stands for the 100 µs until the next.
  samples: [2, 3, 2, 1],
  timeDeltas: [100, 100, 100, 100],
}

describe('CPU profile summary', () => {
  it('charges each sample the time until the next, within the window only, per request', () => {
    const { byOwner, byFunction } = profileCosts(profile, {
      startMicros: 1_150,
      endMicros: 1_400,
      requests: 2,
    })
    expect(byOwner).toEqual([
      { name: 'koa', microsPerRequest: 50 },
      { name: '@fly-session/core', microsPerRequest: 50 },
    ])
    expect(byFunction.map((cost) => cost.name)).toContain('load [@fly-session/core index.js:10]')
  })

  it('names the owner of a frame by package, Node internals or V8 pseudo-frame', () => {
    expect(ownerOf('file:///r/node_modules/.pnpm/@scope+x@1/node_modules/@scope/x/a.js', 'f')).toBe(
      '@scope/x',
    )
    expect(ownerOf('node:internal/streams/writable', 'write')).toBe('node internals')
    expect(ownerOf('', '(garbage collector)')).toBe('(garbage collector)')
    expect(ownerOf('', 'writev')).toBe('native')
  })
})

describe('inclusive costs', () => {
  it("charges a fly-session function for the Node internals it calls, and not for its callers' time", () => {
    const core = 'file:///repo/packages/core/dist/index.js'
    const nested: CpuProfile = {
      nodes: [
        { id: 1, callFrame: { functionName: '(root)', url: '', lineNumber: -1 }, children: [2, 5] },
        { id: 2, callFrame: { functionName: 'load', url: core, lineNumber: 9 }, children: [3] },
        { id: 3, callFrame: { functionName: 'verify', url: core, lineNumber: 19 }, children: [4] },
        { id: 4, callFrame: { functionName: 'Hmac', url: 'node:internal/crypto/hash', lineNumber: 0 } },
        {
          id: 5,
          callFrame: { functionName: 'respond', url: 'file:///r/node_modules/koa/a.js', lineNumber: 0 },
        },
      ],
      startTime: 0,
      samples: [4, 3, 2, 5, 5],
      timeDeltas: [10, 10, 10, 10, 10],
    }
    const { flySession } = profileCosts(nested, { startMicros: 0, endMicros: 100, requests: 1 })
    expect(flySession).toEqual([
      { name: 'load [@fly-session/core index.js:10]', microsPerRequest: 30 },
      { name: 'verify [@fly-session/core index.js:20]', microsPerRequest: 20 },
    ])
  })
})

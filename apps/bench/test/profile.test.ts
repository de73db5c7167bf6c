import type { Profiler } from 'node:inspector'
import { describe, expect, it } from 'vitest'
import { ownerOf, profileCosts } from '../src/profile/profile'

const core = 'file:///repo/packages/core/dist/index.js'
const koa = 'file:///repo/node_modules/.pnpm/koa@3.3.0/node_modules/koa/lib/application.js'
/** A profile node: a function at line `line` (0-based) of `url`. */
const node = (id: number, functionName: string, url: string, line: number, children?: number[]) => ({
  id,
  callFrame: { functionName, url, lineNumber: line, scriptId: '0', columnNumber: 0 },
  ...(children ? { children } : {}),
})

describe('CPU profile summary', () => {
  it('charges each sample the time until the next, within the window only, per request', () => {
    const profile: Profiler.Profile = {
      nodes: [node(1, '(idle)', '', -1), node(2, 'load', core, 9), node(3, 'handle', koa, 0)],
      startTime: 1_000,
      endTime: 1_400,
      // Samples at 1100, 1200, 1300, 1400; each stands for the 100 µs until the next.
      samples: [2, 3, 2, 1],
      timeDeltas: [100, 100, 100, 100],
    }
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
    const scoped = 'file:///r/node_modules/.pnpm/@scope+x@1/node_modules/@scope/x/a.js'
    expect(ownerOf(scoped, 'f')).toBe('@scope/x')
    expect(ownerOf('node:internal/streams/writable', 'write')).toBe('node internals')
    expect(ownerOf('', '(garbage collector)')).toBe('(garbage collector)')
    expect(ownerOf('', 'writev')).toBe('native')
  })

  it("charges a fly-session function for the Node internals it calls, and not for its callers' time", () => {
    const nested: Profiler.Profile = {
      nodes: [
        node(1, '(root)', '', -1, [2, 5]),
        node(2, 'load', core, 9, [3]),
        node(3, 'verify', core, 19, [4]),
        node(4, 'Hmac', 'node:internal/crypto/hash', 0),
        node(5, 'respond', 'file:///r/node_modules/koa/a.js', 0),
      ],
      startTime: 0,
      endTime: 50,
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

import { describe, expect, it } from 'vitest'
import { passOrder } from '../src/harness/run-suite'
import { median, spread, summarize } from '../src/results/summarize'
import { VARIANTS } from '../src/variants'
import { sample } from './fixtures'

const koa = VARIANTS.filter((variant) => variant.id === 'koa-raw' || variant.id === 'koa-fly-memory')
/** A koa sample of one repetition: req/s and CPU µs per request. */
const koaSample = (variantId: string, repetition: number, requestsPerSecond: number, cpu: number) =>
  sample({ variantId, repetition, requestsPerSecond, cpuMicrosPerRequest: cpu })

describe('summarize', () => {
  it('pairs each repetition with the raw server of the same repetition before taking the median', () => {
    // The machine slows down in pass 1; paired ratios stay at 0.5, unpaired ones would not.
    const samples = [
      koaSample('koa-raw', 0, 20_000, 20),
      koaSample('koa-raw', 1, 10_000, 40),
      koaSample('koa-fly-memory', 0, 10_000, 30),
      koaSample('koa-fly-memory', 1, 5_000, 50),
    ]
    const fly = summarize(koa, samples).find((row) => row.variant.id === 'koa-fly-memory')
    expect([fly?.ratioToRaw, fly?.extraCpuMicros, fly?.requestsPerSecond]).toEqual([0.5, 10, 7_500])
  })

  it('leaves windows with steal out while at least three quiet ones remain, and says how many it used', () => {
    // Round 3 ran while the hypervisor took 40 % of the server's CPU: everything tripled.
    const steal = [0, 5, 10, 40]
    const samples = steal.flatMap((stealPercent, repetition) => {
      const scale = stealPercent > 10 ? 3 : 1
      return [
        sample({ variantId: 'koa-raw', repetition, stealPercent, cpuMicrosPerRequest: 20 * scale }),
        sample({ variantId: 'koa-fly-memory', repetition, stealPercent, cpuMicrosPerRequest: 30 * scale }),
      ]
    })
    const row = (list: typeof samples) => summarize(koa, list).find((r) => r.variant.id === 'koa-fly-memory')
    const quiet = row(samples)
    expect([quiet?.cpuMicrosPerRequest, quiet?.extraCpuMicros, quiet?.windowsUsed, quiet?.windows]).toEqual([
      30, 10, 3, 4,
    ])
    // With only two quiet windows left, every window counts (medians of 30, 30, 90 and of 10, 10, 30).
    const few = row(samples.filter((s) => s.repetition !== 0))
    expect([few?.cpuMicrosPerRequest, few?.extraCpuMicros, few?.windowsUsed]).toEqual([30, 10, 3])
    const noisy = row(samples.filter((s) => s.repetition >= 2))
    expect([noisy?.cpuMicrosPerRequest, noisy?.extraCpuMicros, noisy?.windowsUsed]).toEqual([60, 20, 2])
  })

  it('gives one row per variant and route, read first, and none for a route not measured', () => {
    const samples = [
      sample({ variantId: 'koa-raw' }),
      sample({ variantId: 'koa-raw', route: 'increment' }),
      sample({ variantId: 'koa-fly-memory' }),
    ]
    expect(summarize(koa, samples).map((row) => `${row.variant.id}/${row.route}`)).toEqual([
      'koa-raw/read',
      'koa-raw/increment',
      'koa-fly-memory/read',
    ])
  })
})

describe('median', () => {
  it('takes the middle value of an odd count and the mean of the middle two of an even one', () => {
    expect([median([3, 1, 2]), median([4, 1, 3, 2])]).toEqual([2, 2.5])
  })

  it('refuses an empty list rather than inventing a figure', () => {
    expect(() => median([])).toThrow(/no values/)
  })

  it('reports the spread relative to the median', () => {
    expect(spread([90, 100, 110])).toBeCloseTo(0.2)
  })
})

describe('passOrder', () => {
  it('runs variants forward, then backward, then forward again', () => {
    expect([0, 1, 2].map((pass) => passOrder(['a', 'b', 'c'], pass).join(''))).toEqual(['abc', 'cba', 'abc'])
  })
})

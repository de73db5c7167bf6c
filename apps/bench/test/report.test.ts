import { describe, expect, it } from 'vitest'
import { cpuChart } from '../src/report/cpu-chart'
import { glanceTable } from '../src/report/glance-table'
import { resultsTable } from '../src/report/results-table'
import { evaluateTargets, verdict } from '../src/report/targets'
import { summarize } from '../src/results/summarize'
import { VARIANTS } from '../src/variants'
import { sample } from './fixtures'

const h3 = VARIANTS.filter((variant) => variant.framework === 'h3')
const samples = [
  sample({ variantId: 'h3-raw', cpuMicrosPerRequest: 15 }),
  sample({ variantId: 'h3-floor', cpuMicrosPerRequest: 35, redisPerRequest: 1 }),
  sample({ variantId: 'h3-fly-memory', cpuMicrosPerRequest: 27 }),
  sample({
    variantId: 'h3-fly-redis',
    cpuMicrosPerRequest: 45,
    redisPerRequest: 1,
    census: { roundTrips: 1, roundTripCommands: { hgetall: 1 }, scriptCommands: {} },
  }),
  sample({ variantId: 'h3-use-session', cpuMicrosPerRequest: 5_800 }),
]
const rows = summarize(h3, samples)

describe('report', () => {
  it('judges each target from the paired figures, and says when a needed variant did not run', () => {
    const targets = Object.fromEntries(
      evaluateTargets(rows, samples).map((outcome) => [outcome.target, outcome]),
    )
    expect(targets['RedisStore read route: 1 Redis round trip']?.met).toBe(true)
    // (45 - 15) / (35 - 15) = 1.5× the floor's added CPU.
    expect(targets['RedisStore read: CPU over raw ≤ 1.15× the floor']).toMatchObject({
      met: false,
      measured: 'h3 v2 1.50×',
    })
    expect(
      targets['Koa + RedisStore ≥ 1.4× koa-session + koa-redis (req/s, both routes)']?.met,
    ).toBeUndefined()
    expect(targets['MemoryStore: 1M sessions under 600 MB of heap']?.met).toBeUndefined()
  })

  it('shows fly-session + RedisStore as a multiple of the floor at a glance', () => {
    expect(glanceTable(rows)).toContain('| h3 v2 | read | 15.0 | +20.0 | +12.0 | +30.0 | 1.50× |')
  })

  it('lists round trips per command in the table', () => {
    expect(resultsTable(rows)).toContain('| 1.00 (hgetall) | 1.00 |')
  })

  it('draws an outlier as a broken bar instead of flattening the others', () => {
    const svg = cpuChart(rows, 'test')
    expect(svg.startsWith('<svg')).toBe(true)
    expect(svg).toContain('5800.0')
    expect(svg.match(/<line /g)).toHaveLength(2)
  })
})

describe('verdict', () => {
  it('names the frameworks that missed a per-framework target', () => {
    const koa = VARIANTS.filter((variant) => variant.framework === 'koa' || variant.framework === 'express')
    const rows = summarize(koa, [
      sample({ variantId: 'koa-raw', cpuMicrosPerRequest: 15 }),
      sample({ variantId: 'koa-raw', route: 'increment', cpuMicrosPerRequest: 15 }),
      sample({ variantId: 'koa-fly-memory', cpuMicrosPerRequest: 25 }),
      sample({ variantId: 'koa-fly-memory', route: 'increment', cpuMicrosPerRequest: 27 }),
      sample({ variantId: 'express-raw', cpuMicrosPerRequest: 80 }),
      sample({ variantId: 'express-raw', route: 'increment', cpuMicrosPerRequest: 80 }),
      sample({ variantId: 'express-fly-memory', cpuMicrosPerRequest: 100 }),
      sample({ variantId: 'express-fly-memory', route: 'increment', cpuMicrosPerRequest: 130 }),
    ])
    const memory = evaluateTargets(rows, []).find((outcome) =>
      outcome.target.startsWith('MemoryStore: a modify'),
    )
    expect(memory && verdict(memory)).toBe('partly (missed: Express 5)')
  })
})

import { describe, expect, it } from 'vitest'
import { captureEnvironment } from '../src/environment'
import { parseOptions } from '../src/options'
import { benchmarksMarkdown, type RunRecord } from '../src/report/report'
import { glanceTable, resultsTable } from '../src/report/tables'
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
    redisPerRequest: 3,
    census: { roundTrips: 1, roundTripCommands: { evalsha: 1 }, scriptCommands: { hset: 1, pexpire: 1 } },
  }),
  sample({ variantId: 'h3-use-session', cpuMicrosPerRequest: 5_800 }),
]
const rows = summarize(h3, samples)

describe('report', () => {
  it('shows what the floor and each library add over raw, and fly-session + RedisStore as a multiple of the floor', () => {
    // Added CPU: floor 35 - 15 = 20, RedisStore 45 - 15 = 30, so 1.5× the floor.
    expect(glanceTable(rows)).toContain(
      '| h3 v2 | read | 15.0 | +20.0 | +12.0 | +30.0 | 1.50× | h3 useSession + sealed cookie +5785.0 |',
    )
  })

  it('gives the × floor its 90 % interval over the rounds once there are three', () => {
    // Rounds of added CPU: floor 20, 20, 20; RedisStore 20, 30, 40. Median ratio 1.5; resamples
    // of these three rounds give ratios from 1 to 2.
    const rounds = [20, 30, 40].flatMap((added, repetition) => [
      sample({ variantId: 'h3-raw', repetition, cpuMicrosPerRequest: 15 }),
      sample({ variantId: 'h3-floor', repetition, cpuMicrosPerRequest: 35 }),
      sample({ variantId: 'h3-fly-memory', repetition, cpuMicrosPerRequest: 27 }),
      sample({ variantId: 'h3-fly-redis', repetition, cpuMicrosPerRequest: 15 + added }),
    ])
    expect(glanceTable(summarize(h3, rounds))).toContain('| +20.0 | +12.0 | +30.0 | 1.50× (1.00–2.00) |')
  })

  it('shows no rate or latency for a row whose requests outlast the windows (none completed in them)', () => {
    const stalled = summarize(h3, [
      ...samples.slice(0, 4),
      sample({ variantId: 'h3-use-session', requestsPerSecond: 0, p99Ms: 0 }),
    ])
    expect(resultsTable(stalled)).toMatch(
      /\| h3 v2 \| h3 useSession[^|]*\| read \| < 1 \| n\/a \| 1\/1 \| 0\.00 \| n\/a \|/,
    )
  })

  it('splits Redis work into round trips and the commands scripts ran', () => {
    expect(resultsTable(rows)).toContain('| 1.00 (evalsha) | 3.00 (in script: hset, pexpire) |')
  })

  it('fills the template, keeping each optional section only when the run has it', () => {
    const environment = captureEnvironment()
    const fill = { sessions: 1e6, heapBytesPerSession: 410, rssBytes: 2 ** 30, fillMicrosPerSession: 3 }
    const sweeps = { scanSweepMs: 40, scanPauseMs: 41, expireSweepMs: 300, expirePauseMs: 301 }
    const record: RunRecord = {
      environment,
      options: { ...parseOptions(['--quick', '--only=h3-fly-redis']), repetitions: 3 },
      pinning: { server: '1', bench: '0' },
      elapsedSeconds: 61.4,
      samples,
      inProcess: [
        { variant: 'floor', route: 'read', cpuMicrosPerOperation: 8 },
        { variant: 'floor', route: 'modify', cpuMicrosPerOperation: 16 },
        { variant: 'fly-memory', route: 'read', cpuMicrosPerOperation: 3 },
        { variant: 'fly-memory', route: 'modify', cpuMicrosPerOperation: 4.5 },
        { variant: 'fly-redis', route: 'read', cpuMicrosPerOperation: 10 },
        { variant: 'fly-redis', route: 'modify', cpuMicrosPerOperation: 22 },
      ],
      scale: [{ ...fill, ...sweeps }],
    }
    const full = benchmarksMarkdown(record, rows, 'Hand-written.')
    for (const part of [
      '**Quick smoke run**',
      glanceTable(rows),
      resultsTable(rows),
      '## The session work alone, without HTTP',
      // RedisStore over the floor: 10 / 8 and 22 / 16; MemoryStore modify over read: 4.5 / 3.
      '| read | 8.00 | 3.00 | 10.00 | 1.25× | - |\n| modify | 16.00 | 4.50 | 22.00 | 1.38× | 1.50× |',
      '## MemoryStore at scale',
      '| 1,000,000 | 410 | 410 | 1024.0 | 3.0 | 40.0 (41.0) | 300.0 (301.0) |',
      `commit ${environment.commit}; whole run 61 s.`,
      'load average as the measured windows began (min / median / max): 2.0 / 2.0 / 2.0.',
      '- 3 passes over the frameworks',
      'windows.\n- Pinned with `taskset`: each server has CPU 1 to itself; the load generator and\n  redis-server run on CPU 0.',
      '```\n\n## Notes\n\nHand-written.\n',
    ])
      expect(full).toContain(part)
    const bare = benchmarksMarkdown(
      { ...record, options: parseOptions([]), pinning: undefined, inProcess: undefined, scale: [] },
      rows,
    )
    expect(bare).toContain('windows.\n- Not pinned')
    for (const markdown of [full, bare]) expect(markdown).not.toMatch(/\{\{|\n\n\n/)
    for (const part of ['Quick smoke', 'in one process', 'MemoryStore at scale', 'Pinned with', '## Notes'])
      expect(bare).not.toContain(part)
  })
})

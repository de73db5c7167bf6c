import { NO_REDIS } from '../src/harness/redis'
import type { Sample } from '../src/harness/run-suite'

/** A sample with plausible defaults; tests override what they look at. */
export function sample(overrides: Partial<Sample> & Pick<Sample, 'variantId'>): Sample {
  return {
    route: 'read',
    repetition: 0,
    requestsPerSecond: 10_000,
    p99Ms: 5,
    cpuMicrosPerRequest: 50,
    redisPerRequest: 0,
    census: NO_REDIS,
    rssBytes: 100 * 2 ** 20,
    heapUsedBytes: 20 * 2 ** 20,
    loadAverage: 2,
    stealPercent: 0,
    window: { startMicros: 0, endMicros: 1, requests: 1 },
    ...overrides,
  }
}

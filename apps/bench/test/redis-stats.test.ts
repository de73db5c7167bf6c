import { describe, expect, it } from 'vitest'
import { commandDelta, parseCommandStats } from '../src/harness/redis-stats'

const before = parseCommandStats(
  '# Commandstats\r\ncmdstat_info:calls=2,usec=38,usec_per_call=19.00\r\ncmdstat_hgetall:calls=10,usec=20\r\n',
)
const after = parseCommandStats(
  '# Commandstats\r\ncmdstat_info:calls=5,usec=90\r\ncmdstat_hgetall:calls=110,usec=200\r\ncmdstat_evalsha:calls=50,usec=9\r\n',
)

describe('Redis command counting', () => {
  it('reads calls per command from INFO commandstats', () => {
    expect(after.get('hgetall')).toBe(110)
    expect(after.get('evalsha')).toBe(50)
  })

  it("counts what was called between two snapshots, leaving out the bench's own INFO", () => {
    expect(Object.fromEntries(commandDelta(before, after))).toEqual({ hgetall: 100, evalsha: 50 })
  })
})

import { describe, expect, it } from 'vitest'
import { censusOf, commandCalls } from '../src/harness/redis'

describe('Redis command counting', () => {
  it("adds up the calls of every command in INFO commandstats but the bench's own INFO", () => {
    const info =
      '# Commandstats\r\ncmdstat_info:calls=5,usec=90\r\ncmdstat_hgetall:calls=110,usec=200\r\n' +
      'cmdstat_evalsha:calls=50,usec=9\r\ncmdstat_hset:calls=7,usec=1,usec_per_call=0.1\r\n'
    expect(commandCalls(info)).toBe(167)
  })

  it('names the round trips and the commands scripts ran, per request', () => {
    const seen = [
      { command: 'HGETALL' },
      { command: 'EVALSHA' },
      { command: 'HMGET', inScript: true as const },
      { command: 'HGETALL' },
      { command: 'EVALSHA' },
      { command: 'HMGET', inScript: true as const },
    ]
    expect(censusOf(seen, 2)).toEqual({
      roundTrips: 2,
      roundTripCommands: { hgetall: 1, evalsha: 1 },
      scriptCommands: { hmget: 1 },
    })
  })
})

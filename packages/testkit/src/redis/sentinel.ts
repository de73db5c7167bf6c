import { startRedisServer } from './server'

/**
 * Starts `redis-server --sentinel` on a free loopback port, watching `master` as `mymaster` (quorum 1), and
 * resolves once it answers PING. Killed when the test process exits, like every testkit server.
 */
export async function startRedisSentinel(master: { host: string; port: number }) {
  const masterName = 'mymaster'
  // The master counts as down after 1 s without an answer.
  const config = [
    `sentinel monitor ${masterName} ${master.host} ${master.port} 1`,
    `sentinel down-after-milliseconds ${masterName} 1000`,
  ]
  const server = await startRedisServer({ config: `${config.join('\n')}\n`, args: ['--sentinel'] })
  return Object.assign(server, { masterName })
}

/** A running Sentinel; connect with `new Redis({ sentinels: [{ host, port }], name: masterName })`. */
export type RedisSentinelHandle = Awaited<ReturnType<typeof startRedisSentinel>>

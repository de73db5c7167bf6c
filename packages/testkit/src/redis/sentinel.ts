import { writeFileSync } from 'node:fs'
import { join } from 'node:path'

import { makeTempDir } from './processes'
import { type RedisServerHandle, startRedisServer } from './server'

/** Options for `startRedisSentinel`. */
export interface RedisSentinelOptions {
  /** The name clients ask the Sentinel for. @default 'mymaster' */
  masterName?: string
  /** Milliseconds without an answer before the Sentinel deems the master down. @default 1000 */
  downAfterMs?: number
}

/** A running Sentinel; connect with `new Redis({ sentinels: [{ host, port }], name: masterName })`. */
export interface RedisSentinelHandle extends RedisServerHandle {
  readonly masterName: string
}

/**
 * Starts `redis-server --sentinel` on a free loopback port, watching `master` (quorum 1), and
 * resolves once it answers PING. Killed when the test process exits, like every testkit server.
 */
export async function startRedisSentinel(
  master: { host: string; port: number },
  options: RedisSentinelOptions = {},
): Promise<RedisSentinelHandle> {
  const masterName = options.masterName ?? 'mymaster'
  const configFile = join(makeTempDir('sentinel-config'), 'sentinel.conf')
  writeFileSync(
    configFile,
    [
      `sentinel monitor ${masterName} ${master.host} ${master.port} 1`,
      `sentinel down-after-milliseconds ${masterName} ${options.downAfterMs ?? 1000}`,
      '',
    ].join('\n'),
  )
  const server = await startRedisServer({ configFile, args: ['--sentinel'] })
  return Object.assign(server, { masterName })
}

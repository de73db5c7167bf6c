import { once } from 'node:events'

import { Cluster, Redis, type RedisOptions } from 'ioredis'

/**
 * The client settings store-redis recommends for an outage: no offline queue (a command
 * while disconnected fails at once instead of waiting for a reconnect), one retry, and a
 * command timeout below the store's own limit. Reconnect attempts stay at most 500 ms apart,
 * so the store is used again soon after Redis returns.
 */
export const FAIL_FAST: RedisOptions = {
  enableOfflineQueue: false,
  maxRetriesPerRequest: 1,
  commandTimeout: 500,
  retryStrategy: (attempt) => Math.min(attempt * 50, 500),
}

/** A connected fail-fast client. Connection errors are expected in these suites: not printed. */
export async function failFastRedis(url: string): Promise<Redis> {
  const client = new Redis(url, FAIL_FAST)
  client.on('error', () => {})
  await once(client, 'ready')
  return client
}

/** A connected fail-fast Cluster client. */
export async function failFastCluster(startupNodes: Array<{ host: string; port: number }>): Promise<Cluster> {
  const cluster = new Cluster(startupNodes, {
    enableOfflineQueue: false,
    redisOptions: { commandTimeout: FAIL_FAST.commandTimeout, maxRetriesPerRequest: 1 },
    clusterRetryStrategy: (attempt) => Math.min(attempt * 100, 500),
  })
  cluster.on('error', () => {})
  await once(cluster, 'ready')
  return cluster
}

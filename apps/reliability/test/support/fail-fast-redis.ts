import { once } from 'node:events'

import { Cluster, Redis, type RedisOptions } from 'ioredis'

/**
 * The client settings the store-redis README recommends for outages, as a user would copy
 * them: no offline queue (a command while disconnected fails at once), one retry across
 * reconnects, and an ioredis command timeout below the store's own `commandTimeout`.
 * Reconnection is left to ioredis's default strategy.
 */
export const RECOMMENDED: RedisOptions = {
  enableOfflineQueue: false,
  maxRetriesPerRequest: 1,
  commandTimeout: 500,
}

/** A connected client with the recommended settings. Connection errors are expected here: not printed. */
export async function failFastRedis(url: string): Promise<Redis> {
  const client = new Redis(url, RECOMMENDED)
  client.on('error', () => {})
  await once(client, 'ready')
  return client
}

/**
 * A connected Cluster client as the README recommends: the offline queue stays on (ioredis
 * queues commands while it refreshes the slot map during a failover; the store's own limit
 * still bounds each call) and each node connection gets the command timeout.
 */
export async function failFastCluster(startupNodes: Array<{ host: string; port: number }>): Promise<Cluster> {
  const cluster = new Cluster(startupNodes, { redisOptions: { commandTimeout: RECOMMENDED.commandTimeout } })
  cluster.on('error', () => {})
  await once(cluster, 'ready')
  return cluster
}

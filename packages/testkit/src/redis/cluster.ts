import { redisCli } from './processes'
import { type RedisServerHandle, startRedisServer } from './server'
import { waitUntil } from './wait'

/** Options for `startRedisCluster`. */
export interface RedisClusterOptions {
  /** Master nodes; the 16384 slots are split between them. @default 3 */
  masters?: number
  /** Replicas of each master (a replica takes over when its master dies). @default 0 */
  replicasPerMaster?: number
  /**
   * `cluster-node-timeout` in milliseconds: how long a node may be unreachable before it is
   * considered failed, so roughly how long a failover takes. @default 2000
   */
  nodeTimeoutMs?: number
}

/** Milliseconds the cluster may take to reach `cluster_state:ok` with every replica in sync. */
const CONVERGE_TIMEOUT_MS = 30_000

/**
 * Starts `masters × (1 + replicasPerMaster)` (masters: 3 or more) cluster-enabled `redis-server` nodes on free
 * loopback ports, forms a cluster with `redis-cli --cluster create`, and resolves once every node
 * reports `cluster_state:ok` with all slots assigned and every replica is linked to its master.
 * On loopback this takes about 2–3 seconds.
 */
export async function startRedisCluster(options: RedisClusterOptions = {}) {
  const masters = options.masters ?? 3
  const replicas = options.replicasPerMaster ?? 0
  const nodeTimeout = String(options.nodeTimeoutMs ?? 2000)
  const servers: RedisServerHandle[] = []
  try {
    await Promise.all(
      Array.from({ length: masters * (1 + replicas) }, async () => {
        const server = await startRedisServer({
          args: [
            ...['--cluster-enabled', 'yes', '--cluster-node-timeout', nodeTimeout],
            // A master otherwise waits 5 s for more replicas before it starts a full sync.
            ...['--repl-diskless-sync-delay', '0'],
          ],
        })
        servers.push(server)
      }),
    )
    const create = [
      ...['--cluster', 'create', ...servers.map((server) => `${server.host}:${server.port}`)],
      ...['--cluster-replicas', String(replicas), '--cluster-yes'],
    ]
    await redisCli(servers[0]!.port, create, CONVERGE_TIMEOUT_MS).catch(
      (error: Error & { stdout?: string }) => {
        // redis-cli says why on stdout.
        throw new Error(`[testkit] redis-cli --cluster create failed: ${error.message}\n${error.stdout}`)
      },
    )
    const roles = await waitUntil(
      'the Redis Cluster to reach cluster_state:ok',
      () => clusterRoles(servers, masters),
      { timeoutMs: CONVERGE_TIMEOUT_MS, intervalMs: 200 },
    )
    return {
      /** Every node, with the role it had when the cluster was formed. */
      nodes: servers.map(({ host, port }, i) => ({ host, port, role: roles[i]! })),
      /** Every node's address, to pass to `new Cluster(startupNodes)`. */
      startupNodes: servers.map(({ host, port }) => ({ host, port })),
      /** Stops every node. */
      stop: async () => {
        await Promise.all(servers.map((server) => server.stop()))
      },
      /** Kills one node at once (SIGKILL), e.g. a master in a failover test. */
      killNode: (port: number) => servers.find((server) => server.port === port)!.kill(),
    }
  } catch (error) {
    await Promise.all(servers.map((server) => server.kill()))
    throw error
  }
}

/** A running Redis Cluster owned by the test. */
export type RedisClusterHandle = Awaited<ReturnType<typeof startRedisCluster>>

/** Each node's role once the cluster is ready, or `undefined` while it is still converging. */
async function clusterRoles(
  servers: RedisServerHandle[],
  masters: number,
): Promise<Array<'master' | 'replica'> | undefined> {
  const roles: Array<'master' | 'replica'> = []
  for (const server of servers) {
    const info = await redisCli(server.port, ['CLUSTER', 'INFO'])
    const ready =
      info.includes('cluster_state:ok') &&
      info.includes('cluster_slots_assigned:16384') &&
      info.includes(`cluster_known_nodes:${servers.length}`)
    if (!ready) return undefined
    const replication = await redisCli(server.port, ['INFO', 'replication'])
    if (replication.includes('role:slave') && !replication.includes('master_link_status:up')) return undefined
    roles.push(replication.includes('role:master') ? 'master' : 'replica')
  }
  return roles.filter((role) => role === 'master').length === masters ? roles : undefined
}

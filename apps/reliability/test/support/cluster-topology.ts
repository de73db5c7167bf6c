import { setTimeout as sleep } from 'node:timers/promises'

import { Redis } from 'ioredis'

/** One line of CLUSTER NODES. */
export interface ClusterNodeLine {
  id: string
  port: number
  flags: string[]
  masterId: string
  /** Slot ranges this node serves (masters only). */
  slots: Array<[number, number]>
}

/** A plain connection to one node, for admin commands (not the client under test). */
export function adminConnection(port: number): Redis {
  const admin = new Redis({ host: '127.0.0.1', port, maxRetriesPerRequest: 1, retryStrategy: () => null })
  admin.on('error', () => {})
  return admin
}

/** CLUSTER NODES as seen by the node behind `admin`. */
export async function clusterNodes(admin: Redis): Promise<ClusterNodeLine[]> {
  const text = String(await admin.call('CLUSTER', 'NODES'))
  return text
    .trim()
    .split('\n')
    .map((line) => {
      const [id = '', address = '', flags = '', masterId = '', , , , , ...ranges] = line.split(' ')
      const slots = ranges
        .filter((range) => !range.startsWith('['))
        .map((range) => {
          const [start, end = start] = range.split('-')
          return [Number(start), Number(end)] as [number, number]
        })
      return {
        id,
        port: Number(address.split('@')[0]!.split(':')[1]),
        flags: flags.split(','),
        masterId,
        slots,
      }
    })
}

/** The hash slot of `key`, as Redis computes it. */
export async function keySlot(admin: Redis, key: string): Promise<number> {
  return Number(await admin.call('CLUSTER', 'KEYSLOT', key))
}

/** True when `slot` lies in one of `node`'s ranges. */
export function serves(node: ClusterNodeLine, slot: number): boolean {
  return node.slots.some(([start, end]) => slot >= start && slot <= end)
}

/**
 * Waits (bounded) until the replica behind `admin` reports itself master with the cluster
 * state ok: the failover is done. Resolves to the milliseconds it took.
 */
export async function awaitPromotion(admin: Redis, timeoutMs: number): Promise<number> {
  const started = Date.now()
  while (Date.now() - started < timeoutMs) {
    const [info, nodes] = await Promise.all([admin.call('CLUSTER', 'INFO'), clusterNodes(admin)])
    const self = nodes.find((node) => node.flags.includes('myself'))
    if (String(info).includes('cluster_state:ok') && self?.flags.includes('master'))
      return Date.now() - started
    await sleep(100)
  }
  throw new Error(`the replica was not promoted within ${timeoutMs} ms`)
}

/** Waits (bounded) until a replica has every write its master has sent so far. */
export async function awaitReplicated(master: Redis, replica: Redis, timeoutMs: number): Promise<void> {
  const offset = (info: unknown, field: string) =>
    Number(new RegExp(`${field}:(\\d+)`).exec(String(info))?.[1])
  const target = offset(await master.call('INFO', 'replication'), 'master_repl_offset')
  const started = Date.now()
  while (Date.now() - started < timeoutMs) {
    if (offset(await replica.call('INFO', 'replication'), 'slave_repl_offset') >= target) return
    await sleep(50)
  }
  throw new Error(`the replica did not catch up within ${timeoutMs} ms`)
}

import { recordCommands, startRedisCluster, startRedisServer } from '@fly-session/testkit/redis'
import { Cluster, Redis } from 'ioredis'
import { describe, expect, it } from 'vitest'

// The shared launcher other suites (adapters, playground, bench, reliability) build on.
describe('@fly-session/testkit/redis', () => {
  it('restarts a server on the same port with its append-only data', async () => {
    const server = await startRedisServer({ appendonly: true })
    const client = new Redis(server.url, { lazyConnect: true, retryStrategy: () => 100 })
    client.on('error', () => {})
    try {
      await client.set('kept', 'yes')
      const firstPid = server.pid
      await server.stop()
      await server.start()
      expect(server.pid).not.toBe(firstPid)
      expect(await client.get('kept')).toBe('yes')
    } finally {
      client.disconnect()
      await server.stop()
    }
  })

  it('stops recording cleanly while other clients keep the MONITOR stream busy', async () => {
    const server = await startRedisServer()
    const chatter = new Redis(server.url)
    let talking = true
    // Lines keep arriving as the monitor connection closes; ioredis used to report them as
    // "Command queue state error" on a connection with no error listener (a bench crash in CI).
    const talk = async () => {
      for (let sent = 0; talking && sent < 200_000; sent++) await chatter.ping()
    }
    const talked = talk()
    try {
      for (let round = 0; round < 30; round++) {
        const seen = await recordCommands(server.url, () => chatter.set('mark', String(round)).then(() => {}))
        expect(seen.some((command) => command.command === 'SET')).toBe(true)
      }
    } finally {
      talking = false
      await talked
      chatter.disconnect()
      await server.stop()
    }
  })

  it('says how to install redis-server when it is missing', async () => {
    const path = process.env.PATH
    process.env.PATH = '/nonexistent'
    try {
      await expect(startRedisServer()).rejects.toThrow(
        '[testkit] redis-server not found. Run as root: apt-get update && apt-get install -y redis-server',
      )
    } finally {
      process.env.PATH = path
    }
  })

  it('forms a 3+3 cluster whose replica takes over when a master is killed', {
    timeout: 60_000,
  }, async () => {
    const cluster = await startRedisCluster({ masters: 3, replicasPerMaster: 1 })
    const client = new Cluster(cluster.startupNodes, { clusterRetryStrategy: () => 200 })
    client.on('error', () => {})
    try {
      expect(cluster.nodes.filter((node) => node.role === 'master')).toHaveLength(3)
      expect(cluster.nodes.filter((node) => node.role === 'replica')).toHaveLength(3)
      await client.set('survivor', 'yes')
      const slot = await client.cluster('KEYSLOT', 'survivor')
      const ranges = await client.cluster('SLOTS')
      const ownerPort = ranges.find(([from, to]) => from <= slot && slot <= to)?.[2]?.[1]
      const owner = client.nodes('master').find((node) => node.options.port === ownerPort)
      // Replication is asynchronous: WAIT (on the connection that wrote) until a replica has it.
      expect(await owner!.wait(1, 10_000)).toBe(1)
      await cluster.killNode(ownerPort!)
      // Detection takes the node timeout (2 s) plus an election; far longer on a loaded machine.
      const read = () => client.get('survivor').catch(() => null)
      await expect.poll(read, { timeout: 40_000, interval: 250 }).toBe('yes')
    } finally {
      client.disconnect()
      await cluster.stop()
    }
  })
})

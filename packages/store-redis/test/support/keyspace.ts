import type { Redis } from 'ioredis'

/** Most SCAN pages read; a test keyspace is far smaller. */
const MAX_SCAN_PAGES = 10_000

/** Every key on the server and its whole content, as text, for "does X appear anywhere" checks. */
export async function dumpKeyspace(client: Redis): Promise<Map<string, string>> {
  const dump = new Map<string, string>()
  let cursor = '0'
  for (let page = 0; page < MAX_SCAN_PAGES; page++) {
    const [next, keys] = await client.scan(cursor, 'COUNT', 1000)
    for (const key of keys) dump.set(key, await contentOf(client, key))
    cursor = next
    if (cursor === '0') return dump
  }
  throw new Error(`SCAN did not finish within ${MAX_SCAN_PAGES} pages`)
}

async function contentOf(client: Redis, key: string): Promise<string> {
  const type = await client.type(key)
  switch (type) {
    case 'hash':
      return JSON.stringify(await client.hgetall(key))
    case 'zset':
      return JSON.stringify(await client.zrange(key, 0, -1, 'WITHSCORES'))
    case 'string':
      return (await client.get(key)) ?? ''
    default:
      return `(${type})`
  }
}

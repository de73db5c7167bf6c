import { Redis } from 'ioredis'

/** Calls per command name, from `INFO commandstats`. */
export type CommandCounts = Map<string, number>

/** Commands the bench itself sends while measuring: never charged to a server. */
const OWN_COMMANDS = new Set(['info'])

/** Parses `INFO commandstats` ("cmdstat_get:calls=12,usec=...") into calls per command. */
export function parseCommandStats(info: string): CommandCounts {
  const counts: CommandCounts = new Map()
  for (const line of info.split('\n')) {
    const match = /^cmdstat_([^:]+):calls=(\d+)/.exec(line.trim())
    if (match?.[1] && match[2]) counts.set(match[1].toLowerCase(), Number(match[2]))
  }
  return counts
}

/** Calls made between two snapshots, per command, leaving out the bench's own. */
export function commandDelta(before: CommandCounts, after: CommandCounts): CommandCounts {
  const delta: CommandCounts = new Map()
  for (const [name, calls] of after) {
    const made = calls - (before.get(name) ?? 0)
    if (made > 0 && !OWN_COMMANDS.has(name)) delta.set(name, made)
  }
  return delta
}

/** Reads the bench's Redis server's command counters. */
export class RedisCommandCounter {
  readonly #client: Redis

  constructor(url: string) {
    this.#client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 })
  }

  async snapshot(): Promise<CommandCounts> {
    return parseCommandStats(await this.#client.info('commandstats'))
  }

  async close(): Promise<void> {
    await this.#client.quit()
  }
}

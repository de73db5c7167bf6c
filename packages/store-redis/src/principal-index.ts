import type { StoredSession } from '@fly-session/core'

import type { RunScript } from './redis-client'
import { indexAdd, indexRead, indexRemove } from './scripts'

/**
 * The sorted set per principal (`<prefix>principal:<name>`, member = session key, score = the
 * session's absolute deadline) that `listByPrincipal` reads.
 *
 * It is a separate key from the session hashes, so on a Cluster it lives in another hash slot:
 * it is written by its own single-key command, before the session's script, so that it may hold
 * extra members but never misses a live session. Only two things remove a member: `destroy`
 * (the session is gone for good) and its absolute deadline passing (it is dead whatever
 * happened since). A session whose principal changed is left in its old index, never removed
 * from it by the write that changed it: two concurrent writes flipping the principal back and
 * forth would otherwise remove it from the index of the principal it ends up with. Reads check
 * every member against its hash and return only sessions that still name this principal.
 *
 * The index's TTL is kept at least as long as its latest member's absolute deadline, so every
 * key the store writes has a TTL (evictable under `volatile-*` policies) and no index outlives
 * or dies before what it lists.
 */
export class PrincipalIndex {
  readonly #run: RunScript
  readonly #prefix: string
  readonly #readSession: (key: string) => Promise<StoredSession | null>

  constructor(run: RunScript, prefix: string, readSession: (key: string) => Promise<StoredSession | null>) {
    this.#run = run
    this.#prefix = prefix
    this.#readSession = readSession
  }

  /** Indexes `member` under `principal` until `deadline` (epoch ms). */
  async add(principal: string, member: string, deadline: number): Promise<void> {
    await this.#run(indexAdd, this.#key(principal), [member, deadline, Date.now()])
  }

  async remove(principal: string, member: string): Promise<void> {
    await this.#run(indexRemove, this.#key(principal), [member])
  }

  /** The live sessions that name `principal`. */
  async list(principal: string): Promise<Array<{ key: string; session: StoredSession }>> {
    const reply = await this.#run(indexRead, this.#key(principal), [Date.now()])
    const members = Array.isArray(reply) ? reply.map(String) : []
    const sessions = await Promise.all(members.map((member) => this.#readSession(member)))
    const live: Array<{ key: string; session: StoredSession }> = []
    members.forEach((member, i) => {
      const session = sessions[i]
      if (session?.principal === principal) live.push({ key: member, session })
    })
    return live
  }

  #key(principal: string): string {
    return `${this.#prefix}principal:${principal}`
  }
}

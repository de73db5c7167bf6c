import type { StoredSession } from '@fly-session/core'

import type { RunScript } from './redis-client'
import { indexAdd, indexRead, indexReconcile, indexRemove } from './scripts'

/** Most possibly-stale members checked (and pruned) per login, so one write stays cheap. */
const PRUNE_BATCH = 20

interface IndexEntry {
  member: string
  score: string
}

/**
 * The sorted set per principal (`<prefix>principal:<name>`, member = session key, score = the
 * session's `expiresAt` when it was last indexed) that `listByPrincipal` reads.
 *
 * It is a separate key from the session hashes, so on a Cluster it lives in another hash slot:
 * it is written by its own single-key command, before the session's script, so that it may hold
 * extra members but never misses a live session. It is never trusted alone: a read checks every
 * member against its session hash and returns only live sessions that still name this principal.
 * Members that fail the check are pruned once their score has passed; until then the member may
 * be a session being written right now. Touches refresh the session but not its score, so a
 * passed score makes a member a candidate for the check, never removes it by itself.
 */
export class PrincipalIndex {
  constructor(
    private readonly run: RunScript,
    private readonly prefix: string,
    private readonly readSession: (key: string) => Promise<StoredSession | null>,
  ) {}

  /** Indexes `member` under `principal`, then prunes a few members whose score has passed. */
  async add(principal: string, member: string, expiresAt: number): Promise<void> {
    const reply = await this.run(indexAdd, this.#key(principal), [member, expiresAt, Date.now(), PRUNE_BATCH])
    const candidates = toEntries(reply).filter((entry) => entry.member !== member)
    if (candidates.length > 0) await this.#check(principal, candidates)
  }

  async remove(principal: string, member: string): Promise<void> {
    await this.run(indexRemove, this.#key(principal), [member])
  }

  /** The live sessions that name `principal`; prunes members that are gone or moved on. */
  async list(principal: string): Promise<Array<{ key: string; session: StoredSession }>> {
    const entries = toEntries(await this.run(indexRead, this.#key(principal), []))
    return this.#check(principal, entries)
  }

  /** Reads each member's session; prunes dead ones whose score has passed and re-scores live ones, in one call. */
  async #check(
    principal: string,
    entries: IndexEntry[],
  ): Promise<Array<{ key: string; session: StoredSession }>> {
    const sessions = await Promise.all(entries.map((entry) => this.readSession(entry.member)))
    const live: Array<{ key: string; session: StoredSession }> = []
    const changes: string[] = []
    const now = Date.now()
    entries.forEach((entry, i) => {
      const session = sessions[i]
      if (session?.principal !== principal) {
        if (Number(entry.score) <= now) changes.push(entry.member, entry.score, '')
        return
      }
      live.push({ key: entry.member, session })
      if (Number(entry.score) !== session.expiresAt)
        changes.push(entry.member, entry.score, String(session.expiresAt))
    })
    if (changes.length > 0) await this.run(indexReconcile, this.#key(principal), changes)
    return live
  }

  #key(principal: string): string {
    return `${this.prefix}principal:${principal}`
  }
}

/** A flat member/score reply as entries. */
function toEntries(reply: unknown): IndexEntry[] {
  const flat = Array.isArray(reply) ? reply.map(String) : []
  const entries: IndexEntry[] = []
  for (let i = 0; i + 1 < flat.length; i += 2) entries.push({ member: flat[i]!, score: flat[i + 1]! })
  return entries
}

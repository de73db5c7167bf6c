import { createHash } from 'node:crypto'

import { createSessionManager, type HttpSession, type SessionManager } from '@fly-session/core'
import { driveRequest } from '@fly-session/core/testing'
import { recordCommands, type SeenCommand } from '@fly-session/testkit/redis'
import type { Redis } from 'ioredis'
import { beforeAll, describe, expect, it } from 'vitest'
import { RedisStore } from '../src'
import { allScripts } from '../src/scripts'
import { dumpKeyspace } from './support/keyspace'
import { useRedisServer } from './support/redis-server-fixture'
import './support/session-data'

const secret = 'a-test-secret-that-is-long-enough-0123456789'

/** "EVALSHA flySessionUpdateV1 <key>" lines, with keys replaced by the labels given. */
function formatCommands(commands: SeenCommand[], labels: Record<string, string>): string[] {
  return commands.map((seen) => {
    const key = seen.key === undefined ? '' : ` ${labels[seen.key] ?? seen.key}`
    return `${seen.command}${seen.script ? ` ${seen.script}` : ''}${key}`
  })
}

const redis = useRedisServer()
let client: Redis
let inspector: Redis

beforeAll(() => {
  client = redis.client()
  inspector = redis.client()
})

/** The same store and secret with two touch policies: every request, and the default 60 s. */
function managers(prefix: string, hashIds = true): { lazy: SessionManager; eager: SessionManager } {
  const store = new RedisStore({ client, prefix })
  return {
    lazy: createSessionManager({ store, secret, hashIds }),
    eager: createSessionManager({ store, secret, hashIds, touchInterval: 0 }),
  }
}

/** Requests of every kind, in the order a user's visit makes them; returns every session ID used. */
async function aVisit({ lazy, eager }: ReturnType<typeof managers>): Promise<string[]> {
  const ids: string[] = []
  const step = async (
    manager: SessionManager,
    cookie: string | undefined,
    handler?: (session: HttpSession) => void,
  ) => {
    const result = await driveRequest(manager, cookie, handler)
    ids.push(result.session.id)
    return result.cookie
  }
  let cookie = await step(lazy, undefined, (s) => s.set('views', 1))
  cookie = await step(lazy, cookie, (s) => s.set('theme', 'dark'))
  cookie = await step(eager, cookie)
  cookie = await step(lazy, cookie, (s) => {
    s.regenerate()
    s.principal = 'ada'
  })
  cookie = await step(lazy, cookie, (s) => s.regenerate())
  await step(lazy, cookie)
  return ids
}

describe('through createSessionManager', () => {
  it('keeps raw session IDs out of every Redis key and value', async () => {
    const ids = await aVisit(managers('fly:sess:'))
    expect(new Set(ids).size).toBeGreaterThanOrEqual(3)
    const dump = [...(await dumpKeyspace(inspector))].flat().join('\n')
    expect(dump).toContain(createHash('sha256').update(ids.at(-1)!).digest('base64url'))
    for (const id of ids) expect(dump).not.toContain(id)

    // The same check does find IDs when hashing is off, so the pass above means something.
    const rawIds = await aVisit(managers('unhashed:', false))
    const rawDump = [...(await dumpKeyspace(inspector))].flat().join('\n')
    expect(rawDump).toContain(rawIds.at(-1)!)
  })

  it('issues these Redis commands per kind of request (printed for the record)', async () => {
    const { lazy, eager } = managers('measure:')
    const keyOf = (id: string) => `measure:${createHash('sha256').update(id).digest('base64url')}`
    const report: string[] = []
    let cookie: string | undefined
    const measure = async (
      kind: string,
      manager: SessionManager,
      handler?: (session: HttpSession) => void,
    ) => {
      let idBefore = ''
      let idAfter = ''
      const seen = await recordCommands(
        redis.server.url,
        async () => {
          const result = await driveRequest(manager, cookie, (s) => {
            idBefore = s.id
            handler?.(s)
          })
          idAfter = result.session.id
          cookie = result.cookie
        },
        { scripts: allScripts },
      )
      const labels = { 'measure:principal:ada': '<index of ada>', [keyOf(idBefore)]: '<key>' }
      if (idAfter !== idBefore) labels[keyOf(idAfter)] = '<new key>'
      report.push(`${kind}:`, ...formatCommands(seen, labels).map((line) => `  ${line}`))
      return seen.map((c) => c.script ?? c.command)
    }

    expect(await measure('new session, first write', lazy, (s) => s.set('views', 1))).toEqual([
      'flySessionReplaceV4',
    ])
    expect(await measure('read-only, within touchInterval', lazy)).toEqual(['HGETALL'])
    expect(await measure('modifying', lazy, (s) => s.set('views', 2))).toEqual([
      'HGETALL',
      'flySessionUpdateV4',
    ])
    expect(await measure('read-only, touch due', eager)).toEqual(['HGETALL', 'flySessionTouchV4'])
    expect(
      await measure('login: regenerate + set principal', lazy, (s) => {
        s.regenerate()
        s.principal = 'ada'
      }),
    ).toEqual(['HGETALL', 'flySessionIndexAddV2', 'flySessionReplaceV4', 'flySessionDeleteV2'])
    expect(await measure('regenerate (signed in)', lazy, (s) => s.regenerate())).toEqual([
      'HGETALL',
      'flySessionIndexAddV2',
      'flySessionReplaceV4',
      'flySessionDeleteV2',
      'flySessionIndexRemoveV2',
    ])
    expect(await measure('invalidate (signed in)', lazy, (s) => s.invalidate())).toEqual([
      'HGETALL',
      'flySessionDeleteV2',
      'flySessionIndexRemoveV2',
    ])
    console.info(report.join('\n'))
  })
})

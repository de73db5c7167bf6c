import * as crypto from 'node:crypto'
import { Redis } from 'ioredis'
import { BENCH_SECRET, type BenchAttributes, IDLE_SECONDS, type SessionView } from './contract'
import { redisUrl } from './runtime'

/*
 * The floor: the least a signed-cookie, Redis-backed session can cost, written inline with no
 * library. Parse the Cookie header, verify an HMAC-SHA-256 signature, hash the ID with SHA-256,
 * one HGETALL per read, and per write one script doing HSET + PEXPIRE. No lifecycle, no codec,
 * no expiry bookkeeping, no size limit, no resurrection check: what any session library must at
 * least pay, so the bench can show how far each one is from it. Each server installs it as its
 * framework takes a session library (a middleware, or Fastify's `onRequest` hook): a library
 * cannot run inside the routes, so the framework's cost of one more layer is part of the least.
 */

const COOKIE = 'sid'
const PREFIX = 'floor:sess:'
const TTL_MS = IDLE_SECONDS * 1000
const WRITE_SCRIPT = `redis.call('HSET', KEYS[1], unpack(ARGV, 2))
redis.call('PEXPIRE', KEYS[1], ARGV[1])
return 1`

type WriteCommand = (key: string, ttlMs: number, ...fieldsAndValues: string[]) => Promise<number>

/**
 * HMAC-SHA-256 as base64url, the cheapest way Node offers: RFC 2104's two hashes over key pads
 * made once, each a one-shot `crypto.hash` (a `createHmac` object costs about three times as
 * much). fly-session's core signs the same way; the floor must not be slower at it than a library.
 */
const ID_LENGTH = 43

/** A 64-byte block of the key XOR `pad`, with `room` bytes after it for what gets hashed with it. */
function keyBlock(pad: number, room: number): Buffer {
  const block = Buffer.alloc(64 + room, pad)
  for (const [index, byte] of Buffer.from(BENCH_SECRET).entries()) block[index]! ^= byte
  return block
}
// Room after the inner pad for the ID, after the outer pad for the inner hash (SHA-256: 32 bytes).
const inner = keyBlock(0x36, ID_LENGTH)
const outer = keyBlock(0x5c, 32)

/** Signs a 43-character ID (the floor issues no other kind). */
function sign(id: string): string {
  inner.write(id, 64, 'latin1')
  outer.write(crypto.hash('sha256', inner, 'hex'), 64, 'hex')
  return crypto.hash('sha256', outer, 'base64url')
}

/** The ID in a `sid=<id>.<signature>` cookie when its signature verifies. */
function verifiedId(header: string | undefined): string | undefined {
  if (header === undefined) return undefined
  const at = header.indexOf(`${COOKIE}=`)
  if (at === -1) return undefined
  const end = header.indexOf(';', at)
  const value = header.slice(at + COOKIE.length + 1, end === -1 ? undefined : end)
  // The floor issues `<43-character ID>.<signature>` only; anything else is not its cookie.
  if (value[ID_LENGTH] !== '.') return undefined
  const id = value.slice(0, ID_LENGTH)
  const given = Buffer.from(value.slice(ID_LENGTH + 1))
  const expected = Buffer.from(sign(id))
  return given.length === expected.length && crypto.timingSafeEqual(given, expected) ? id : undefined
}

const keyOf = (id: string) => PREFIX + crypto.hash('sha256', id, 'base64url')

/** Loads floor sessions: call with the request's Cookie header and a way to add a Set-Cookie header. */
export type FloorLoader = (
  cookieHeader: string | undefined,
  setCookie: (value: string) => void,
) => Promise<SessionView>

/** Connects to the bench's Redis and returns the floor's loader and how to release it. */
export async function floorSetup() {
  const client = new Redis(redisUrl(), { lazyConnect: true })
  await client.connect()
  client.defineCommand('floorWrite', { numberOfKeys: 1, lua: WRITE_SCRIPT })
  const write = (client as unknown as { floorWrite: WriteCommand }).floorWrite.bind(client)

  const load: FloorLoader = async (cookieHeader, setCookie) => {
    const id = verifiedId(cookieHeader)
    let key = id === undefined ? undefined : keyOf(id)
    const fields: Record<string, string> = key === undefined ? {} : await client.hgetall(key)
    return {
      get: <K extends keyof BenchAttributes>(name: K) =>
        (name === 'counter' && name in fields ? Number(fields[name]) : fields[name]) as BenchAttributes[K],
      async set(values) {
        if (key === undefined) {
          const newId = crypto.randomBytes(32).toString('base64url')
          key = keyOf(newId)
          setCookie(
            `${COOKIE}=${newId}.${sign(newId)}; Max-Age=${IDLE_SECONDS}; Path=/; HttpOnly; SameSite=Lax`,
          )
        }
        const args: string[] = []
        for (const [name, value] of Object.entries(values)) {
          args.push(name, String(value))
          fields[name] = String(value)
        }
        await write(key, TTL_MS, ...args)
      },
    }
  }
  return { load, close: () => client.quit() }
}

import type { SingleKeyScript } from './redis-client'
import { META } from './session-fields'

/*
 * Every script reads and writes only KEYS[1], so each is atomic on a standalone server and never
 * CROSSSLOT on a Cluster. Replies are arrays, strings and integers only: Lua booleans would turn
 * into RESP3 booleans on a client speaking RESP3.
 */

/** Lua's unpack() has a stack limit, so long argument lists go to Redis 1000 at a time (an even size keeps field/value pairs together). */
const CHUNKED = `
local function chunked(command, key, list, first, last)
  local i = first
  while i <= last do
    local j = math.min(i + 999, last)
    redis.call(command, key, unpack(list, i, j))
    i = j + 1
  end
end
`

/** ARGV: ttl in ms, then field/value pairs. Replaces the hash; replies with the previous principal ('' for none). */
export const replaceSession: SingleKeyScript = {
  name: 'flySessionReplaceV1',
  lua: `${CHUNKED}
local previous = redis.call('HGET', KEYS[1], '${META.principal}') or ''
redis.call('DEL', KEYS[1])
chunked('HSET', KEYS[1], ARGV, 2, #ARGV)
redis.call('PEXPIRE', KEYS[1], ARGV[1])
return previous`,
}

/**
 * ARGV: ttl in ms, the number of field/value pairs n, n pairs to set, then fields to delete.
 * Replies {0} without writing when the hash is gone (so a late request cannot resurrect a
 * destroyed session), else {1, previous principal or ''}.
 */
export const updateSession: SingleKeyScript = {
  name: 'flySessionUpdateV1',
  lua: `${CHUNKED}
if redis.call('EXISTS', KEYS[1]) == 0 then return {0} end
local previous = redis.call('HGET', KEYS[1], '${META.principal}') or ''
local pairsEnd = 2 + 2 * tonumber(ARGV[2])
chunked('HDEL', KEYS[1], ARGV, pairsEnd + 1, #ARGV)
chunked('HSET', KEYS[1], ARGV, 3, pairsEnd)
redis.call('PEXPIRE', KEYS[1], ARGV[1])
return {1, previous}`,
}

/** Deletes the hash; replies with the principal it had ('' for none), so its index entry can go too. */
export const deleteSession: SingleKeyScript = {
  name: 'flySessionDeleteV1',
  lua: `
local previous = redis.call('HGET', KEYS[1], '${META.principal}') or ''
redis.call('DEL', KEYS[1])
return previous`,
}

/**
 * On a principal index. ARGV: member, score, now (epoch ms), limit. Adds the member and replies
 * with up to `limit` members whose recorded expiry has passed (flat member/score list): each may
 * be dead, or alive but refreshed since it was indexed, so the caller checks before pruning.
 */
export const indexAdd: SingleKeyScript = {
  name: 'flySessionIndexAddV1',
  lua: `
redis.call('ZADD', KEYS[1], ARGV[2], ARGV[1])
return redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', '(' .. ARGV[3], 'WITHSCORES', 'LIMIT', 0, ARGV[4])`,
}

/** On a principal index. ARGV: member. Removes it. */
export const indexRemove: SingleKeyScript = {
  name: 'flySessionIndexRemoveV1',
  lua: `return redis.call('ZREM', KEYS[1], ARGV[1])`,
}

/** On a principal index. Replies with every member and its score as a flat list. */
export const indexRead: SingleKeyScript = {
  name: 'flySessionIndexReadV1',
  lua: `return redis.call('ZRANGE', KEYS[1], 0, -1, 'WITHSCORES')`,
}

/**
 * On a principal index. ARGV: triples of member, the score it was read with, and its new score
 * ('' to remove it). A member whose score changed since it was read was re-indexed meanwhile by
 * a concurrent write and is left alone. Replies with how many members changed.
 */
export const indexReconcile: SingleKeyScript = {
  name: 'flySessionIndexReconcileV1',
  lua: `
local changed = 0
for i = 1, #ARGV, 3 do
  local current = redis.call('ZSCORE', KEYS[1], ARGV[i])
  if current and tonumber(current) == tonumber(ARGV[i + 1]) then
    if ARGV[i + 2] == '' then
      redis.call('ZREM', KEYS[1], ARGV[i])
    else
      redis.call('ZADD', KEYS[1], ARGV[i + 2], ARGV[i])
    end
    changed = changed + 1
  end
end
return changed`,
}

export const allScripts: readonly SingleKeyScript[] = [
  replaceSession,
  updateSession,
  deleteSession,
  indexAdd,
  indexRemove,
  indexRead,
  indexReconcile,
]

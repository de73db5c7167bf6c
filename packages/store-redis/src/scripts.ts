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

/** Attribute fields are "attr:<name>"; a field's size is its name's bytes plus its value's, as core counts them. */
const ATTRIBUTE_PREFIX_BYTES = 5

/**
 * ARGV: ttl in ms, then field/value pairs. Replaces the hash and records the attributes' size
 * (meta:size) for later patches to check against maxSize.
 */
export const replaceSession: SingleKeyScript = {
  name: 'flySessionReplaceV2',
  lua: `${CHUNKED}
local size = 0
for i = 2, #ARGV, 2 do
  if string.sub(ARGV[i], 1, 5) == 'attr:' then size = size + #ARGV[i] - ${ATTRIBUTE_PREFIX_BYTES} + #ARGV[i + 1] end
end
redis.call('DEL', KEYS[1])
chunked('HSET', KEYS[1], ARGV, 2, #ARGV)
redis.call('HSET', KEYS[1], '${META.size}', size)
redis.call('PEXPIRE', KEYS[1], ARGV[1])
return size`,
}

/**
 * ARGV: ttl in ms, maxSize in bytes (0: no limit), the number of field/value pairs n, n pairs to
 * set, then fields to delete. Replies {0} without writing when the hash is gone (so a late
 * request cannot resurrect a destroyed session), {2, size} without writing when the change
 * would grow the attributes past maxSize (however many requests added to them meanwhile), else
 * {1, principal or ''}.
 */
export const updateSession: SingleKeyScript = {
  name: 'flySessionUpdateV2',
  lua: `${CHUNKED}
if redis.call('EXISTS', KEYS[1]) == 0 then return {0} end
local maxSize = tonumber(ARGV[2])
local pairsEnd = 3 + 2 * tonumber(ARGV[3])
local delta = 0
for i = 4, pairsEnd, 2 do
  if string.sub(ARGV[i], 1, 5) == 'attr:' then
    local old = redis.call('HSTRLEN', KEYS[1], ARGV[i])
    if old > 0 or redis.call('HEXISTS', KEYS[1], ARGV[i]) == 1 then delta = delta - old - #ARGV[i] + ${ATTRIBUTE_PREFIX_BYTES} end
    delta = delta + #ARGV[i] - ${ATTRIBUTE_PREFIX_BYTES} + #ARGV[i + 1]
  end
end
for i = pairsEnd + 1, #ARGV do
  if string.sub(ARGV[i], 1, 5) == 'attr:' and redis.call('HEXISTS', KEYS[1], ARGV[i]) == 1 then
    delta = delta - redis.call('HSTRLEN', KEYS[1], ARGV[i]) - #ARGV[i] + ${ATTRIBUTE_PREFIX_BYTES}
  end
end
local size = tonumber(redis.call('HGET', KEYS[1], '${META.size}') or '0') + delta
if maxSize > 0 and delta > 0 and size > maxSize then return {2, size} end
chunked('HDEL', KEYS[1], ARGV, pairsEnd + 1, #ARGV)
chunked('HSET', KEYS[1], ARGV, 4, pairsEnd)
if delta ~= 0 then redis.call('HINCRBY', KEYS[1], '${META.size}', delta) end
redis.call('PEXPIRE', KEYS[1], ARGV[1])
return {1, redis.call('HGET', KEYS[1], '${META.principal}') or ''}`,
}

/**
 * ARGV: ttl in ms, lastAccessedAt. Replies {0} without writing when the hash is gone, else
 * {1, principal or '', absolute deadline}, so the store can refresh the principal's index.
 */
export const touchSession: SingleKeyScript = {
  name: 'flySessionTouchV2',
  lua: `
if redis.call('EXISTS', KEYS[1]) == 0 then return {0} end
redis.call('HSET', KEYS[1], '${META.lastAccessedAt}', ARGV[2])
redis.call('PEXPIRE', KEYS[1], ARGV[1])
local meta = redis.call('HMGET', KEYS[1], '${META.principal}', '${META.expiresAt}')
return {1, meta[1] or '', meta[2] or '0'}`,
}

/** Deletes the hash; replies {1 if it existed else 0, the principal it had or ''}, so its index entry can go too. */
export const deleteSession: SingleKeyScript = {
  name: 'flySessionDeleteV2',
  lua: `
local principal = redis.call('HGET', KEYS[1], '${META.principal}') or ''
return {redis.call('DEL', KEYS[1]), principal}`,
}

/**
 * On a principal index. ARGV: member, score (the session's absolute deadline, epoch ms), now
 * (epoch ms). Adds the member, drops members whose absolute deadline has passed (dead whatever
 * happened since), and keeps the index alive at least until its latest member's deadline, so
 * under `volatile-*` eviction it is evictable and never outlives what it lists.
 */
export const indexAdd: SingleKeyScript = {
  name: 'flySessionIndexAddV2',
  lua: `
redis.call('ZADD', KEYS[1], ARGV[2], ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', '(' .. ARGV[3])
local wanted = tonumber(ARGV[2]) - tonumber(ARGV[3])
if wanted > 0 and redis.call('PTTL', KEYS[1]) < wanted then redis.call('PEXPIRE', KEYS[1], wanted) end
return 1`,
}

/** On a principal index. ARGV: member. Removes it. */
export const indexRemove: SingleKeyScript = {
  name: 'flySessionIndexRemoveV2',
  lua: `return redis.call('ZREM', KEYS[1], ARGV[1])`,
}

/** On a principal index. ARGV: now (epoch ms). Replies with the members whose absolute deadline has not passed. */
export const indexRead: SingleKeyScript = {
  name: 'flySessionIndexReadV2',
  lua: `return redis.call('ZRANGEBYSCORE', KEYS[1], ARGV[1], '+inf')`,
}

export const allScripts: readonly SingleKeyScript[] = [
  replaceSession,
  updateSession,
  touchSession,
  deleteSession,
  indexAdd,
  indexRemove,
  indexRead,
]

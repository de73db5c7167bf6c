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

/** Unpacks the header `scriptHeader` (session-fields.ts) packed into ARGV[1]: its first `count` values, as strings. */
const UNPACK_HEADER = `
local function unpackHeader(count)
  local values = {}
  for value in string.gmatch(ARGV[1], '[^:]+') do values[#values + 1] = value end
  if #values ~= count then error('fly-session: malformed script header') end
  return unpack(values)
end
`

/**
 * The record field (META.record): "createdAt:lastAccessedAt:expiresAt:size", the times in epoch
 * ms as core gave them and size in bytes of attribute names and values. One field instead of
 * four keeps every read's HGETALL reply short; the scripts rewrite it on every write anyway.
 */
const PARSE_RECORD = `
local function parseRecord(text)
  return string.match(text, '^([^:]*):([^:]*):([^:]*):([^:]*)$')
end
`

/**
 * ARGV: "ttl:createdAt:lastAccessedAt:expiresAt" (ms), then field/value pairs. Replaces the
 * hash and records the attributes' size for later patches to check against maxSize.
 */
export const replaceSession: SingleKeyScript = {
  name: 'flySessionReplaceV4',
  lua: `${CHUNKED}${UNPACK_HEADER}
local ttl, createdAt, lastAccessedAt, expiresAt = unpackHeader(4)
local size = 0
for i = 2, #ARGV, 2 do
  if string.sub(ARGV[i], 1, 5) == 'attr:' then size = size + #ARGV[i] - ${ATTRIBUTE_PREFIX_BYTES} + #ARGV[i + 1] end
end
redis.call('DEL', KEYS[1])
chunked('HSET', KEYS[1], ARGV, 2, #ARGV)
redis.call('HSET', KEYS[1], '${META.record}', createdAt .. ':' .. lastAccessedAt .. ':' .. expiresAt .. ':' .. size)
redis.call('PEXPIRE', KEYS[1], ttl)
return size`,
}

/**
 * HMGET in slices of 1000 fields (unpack()'s stack limit); the replies in order, `false` for a
 * missing field.
 */
const HMGET_CHUNKED = `
local function hmget(key, list)
  local out = {}
  local i = 1
  while i <= #list do
    local j = math.min(i + 999, #list)
    local got = redis.call('HMGET', key, unpack(list, i, j))
    for k = 1, #got do out[i + k - 1] = got[k] end
    i = j + 1
  end
  return out
end
`

/** Replies with an error for a hash that exists but is not a session record (no record field). */
const NOT_A_RECORD = `redis.error_reply('fly-session: the hash is not a session record')`

/**
 * ARGV: "ttl:maxSize:n:lastAccessedAt:expiresAt" (ttl and times in ms, maxSize in bytes, 0 for
 * no limit, n the number of field/value pairs), then n pairs to set, then fields to delete. Replies {0} without
 * writing when the hash is gone (so a late request cannot resurrect a destroyed session),
 * {2, size} without writing when the change would grow the attributes past maxSize (however
 * many requests added to them meanwhile), else {1}.
 *
 * Lean on purpose (it runs on every modifying request): one HMGET reads the record field
 * (which every record has, so it doubles as the existence check) and the old values of the
 * attributes the patch touches; then one HSET (the pairs and the rewritten record field), HDEL
 * only when something is removed, and PEXPIRE.
 */
export const updateSession: SingleKeyScript = {
  name: 'flySessionUpdateV4',
  lua: `${CHUNKED}${HMGET_CHUNKED}${PARSE_RECORD}${UNPACK_HEADER}
local ttl, maxSizeText, count, lastAccessedAt, expiresAt = unpackHeader(5)
local maxSize = tonumber(maxSizeText)
local pairsEnd = 1 + 2 * tonumber(count)
local names = {'${META.record}'}
local sizes = {false}
for i = 2, pairsEnd, 2 do
  if string.sub(ARGV[i], 1, 5) == 'attr:' then
    names[#names + 1] = ARGV[i]
    sizes[#names] = #ARGV[i] - ${ATTRIBUTE_PREFIX_BYTES} + #ARGV[i + 1]
  end
end
for i = pairsEnd + 1, #ARGV do
  if string.sub(ARGV[i], 1, 5) == 'attr:' then
    names[#names + 1] = ARGV[i]
    sizes[#names] = false
  end
end
local old = hmget(KEYS[1], names)
if not old[1] then
  if redis.call('EXISTS', KEYS[1]) == 1 then return ${NOT_A_RECORD} end
  return {0}
end
local createdAt, _, _, stored = parseRecord(old[1])
local size = tonumber(stored)
if size == nil then return ${NOT_A_RECORD} end
local delta = 0
for k = 2, #names do
  if old[k] then delta = delta - (#names[k] - ${ATTRIBUTE_PREFIX_BYTES} + #old[k]) end
  if sizes[k] then delta = delta + sizes[k] end
end
size = size + delta
if maxSize > 0 and delta > 0 and size > maxSize then return {2, size} end
chunked('HDEL', KEYS[1], ARGV, pairsEnd + 1, #ARGV)
local record = createdAt .. ':' .. lastAccessedAt .. ':' .. expiresAt .. ':' .. size
if pairsEnd - 1 <= 998 then
  redis.call('HSET', KEYS[1], '${META.record}', record, unpack(ARGV, 2, pairsEnd))
else
  chunked('HSET', KEYS[1], ARGV, 2, pairsEnd)
  redis.call('HSET', KEYS[1], '${META.record}', record)
end
redis.call('PEXPIRE', KEYS[1], ttl)
return {1}`,
}

/**
 * ARGV: "ttl:lastAccessedAt" (ms). Replies {0} without writing when the hash is gone, else
 * {1, principal or '', absolute deadline}, so the store can refresh the principal's index.
 * The record field is read first: it is the existence check, and a hash that is not a session
 * is refused before anything about it changes.
 */
export const touchSession: SingleKeyScript = {
  name: 'flySessionTouchV4',
  lua: `${PARSE_RECORD}${UNPACK_HEADER}
local ttl, lastAccessedAt = unpackHeader(2)
local meta = redis.call('HMGET', KEYS[1], '${META.record}', '${META.principal}')
if not meta[1] then
  if redis.call('EXISTS', KEYS[1]) == 1 then return ${NOT_A_RECORD} end
  return {0}
end
local createdAt, _, expiresAt, size = parseRecord(meta[1])
if size == nil then return ${NOT_A_RECORD} end
redis.call('PEXPIRE', KEYS[1], ttl)
redis.call('HSET', KEYS[1], '${META.record}', createdAt .. ':' .. lastAccessedAt .. ':' .. expiresAt .. ':' .. size)
return {1, meta[2] or '', expiresAt}`,
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

export type { RedisClient } from './redis-client'
export { DEFAULT_COMMAND_TIMEOUT, DEFAULT_PREFIX, RedisStore, type RedisStoreOptions } from './redis-store'

/**
 * Real Redis servers for tests: a standalone `redis-server`, a Redis Cluster or a Sentinel, on
 * free loopback ports, each in its own temp directory, killed when the test process exits.
 * Needs Debian's `redis-server` package (which also installs `redis-cli` and Sentinel mode).
 */
export { type RedisClusterHandle, type RedisClusterOptions, startRedisCluster } from './cluster'
export { type NamedScript, type RecordOptions, recordCommands, type SeenCommand } from './monitor'
export { type RedisSentinelHandle, startRedisSentinel } from './sentinel'
export { type RedisServerHandle, type RedisServerOptions, startRedisServer } from './server'

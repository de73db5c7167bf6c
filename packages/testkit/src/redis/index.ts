/**
 * Real Redis servers for tests: a standalone `redis-server` or a Redis Cluster on free loopback
 * ports, each in its own temp directory, killed when the test process exits.
 * Needs Debian's `redis-server` package (which also installs `redis-cli`).
 */
export {
  type RedisClusterHandle,
  type RedisClusterNode,
  type RedisClusterOptions,
  startRedisCluster,
} from './cluster'
export { type RedisServerHandle, type RedisServerOptions, startRedisServer } from './server'

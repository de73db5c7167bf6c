/**
 * The IPC messages between the bench (parent) and a server process (child). CPU time and
 * memory are read by the server about itself, so they cover its process only, never the load
 * generator's.
 */

/** What a server reports about itself at one instant. */
export interface ServerSample {
  /** `process.cpuUsage()`, user + system, in microseconds since the process started. */
  cpuMicros: number
  /** HTTP requests received since the process started. */
  requests: number
  /** Resident set size, bytes. */
  rss: number
  /** V8 heap in use, bytes. */
  heapUsed: number
  /** The monotonic clock, microseconds: the time base of a `--cpu-prof` profile. */
  monotonicMicros: number
}

/** Parent to server. */
export type ControlMessage = { type: 'sample' } | { type: 'stop' }

/** Server to parent. */
export type ServerMessage =
  | { type: 'ready'; port: number }
  | { type: 'sample'; sample: ServerSample }
  | { type: 'failed'; message: string }

/** Environment variable naming the Redis URL a server connects to (when its variant uses Redis). */
export const REDIS_URL_ENV = 'BENCH_REDIS_URL'

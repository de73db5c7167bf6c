import type { RequestListener } from 'node:http'
import { setTimeout as sleep } from 'node:timers/promises'
import type { SessionOptions } from '@fly-session/core'
import { listen } from '@fly-session/testkit/http'
import type { FloorLoader } from './floor'

/*
 * A server process: one framework's entry (servers/<framework>.ts) builds the app of the variant
 * the bench names and serves it here, answering the bench over IPC. CPU time and memory are read
 * by the server about itself, so they cover its process only, never the load generator's.
 */

/** A server's own figures at one instant (see `sample` below). */
export type ServerSample = ReturnType<typeof sample>

/** Parent to server. */
export type ControlMessage = { type: 'sample' } | { type: 'stop' }

/** Server to parent. */
export type ServerMessage =
  | { type: 'ready'; port: number }
  | { type: 'sample'; sample: ServerSample }
  | { type: 'failed'; message: string }

/** Environment variable naming the Redis URL a server connects to (when its variant uses Redis). */
export const REDIS_URL_ENV = 'BENCH_REDIS_URL'

/** The Redis URL the bench gave this server. */
export function redisUrl(): string {
  const url = process.env[REDIS_URL_ENV]
  if (!url) throw new Error(`[bench] ${REDIS_URL_ENV} is not set`)
  return url
}

/** One variant's app, and what releases what it holds (store timers, Redis connections) before exit. */
export interface App {
  listener: RequestListener
  close?: () => Promise<unknown>
}

type Build<T> = (value: T) => RequestListener | Promise<RequestListener>

/**
 * The floor's app on a framework (see floor.ts). Imported on use, like every session library, so
 * a server process loads only what its variant runs.
 */
export async function floorApp(build: Build<FloorLoader>): Promise<App> {
  const floor = await (await import('./floor')).floorSetup()
  return { listener: await build(floor.load), close: floor.close }
}

/** fly-session's app on a framework, with the store `mode` names (memory | redis). */
export async function flyApp(mode: string, build: Build<SessionOptions>): Promise<App> {
  const fly = await (await import('./fly')).flySetup(mode)
  return { listener: await build(fly.options), close: fly.close }
}

/** How long `close` may take at stop before the process exits anyway. */
const CLOSE_GRACE_MS = 2_000

function send(message: ServerMessage): void {
  process.send?.(message)
}

/**
 * What a server reports about itself at one instant: `process.cpuUsage()` (user + system, µs since
 * the process started), the HTTP requests received, RSS and V8 heap in use (bytes), and the
 * monotonic clock (µs: the time base of a `--cpu-prof` profile).
 */
function sample(requests: number) {
  const cpu = process.cpuUsage()
  const memory = process.memoryUsage()
  return {
    cpuMicros: cpu.user + cpu.system,
    requests,
    rss: memory.rss,
    heapUsed: memory.heapUsed,
    monotonicMicros: Number(process.hrtime.bigint() / 1000n),
  }
}

/**
 * Serves `app` on a free loopback port and answers the bench over IPC: `ready` with the port, a
 * `sample` of this process's own CPU time, request count and memory on demand, and a clean exit on
 * `stop` (or when the bench goes away, so no server outlives it).
 */
async function serve(app: App): Promise<void> {
  if (!process.send) throw new Error('[bench] a server must be started by the bench (IPC channel missing)')
  let requests = 0
  // Counted before the app sees the request: the same count for every framework.
  const server = await listen((request, response) => {
    requests++
    app.listener(request, response)
  })
  let stopping = false
  const stop = async () => {
    if (stopping) return
    stopping = true
    // Keep-alive connections from the load generator must not hold the process open at stop.
    void server.close()
    // Bounded: a client that cannot say goodbye to Redis must not keep the server alive.
    await Promise.race([app.close?.().catch(() => undefined), sleep(CLOSE_GRACE_MS)])
    process.exit(0)
  }
  process.on('message', (message: ControlMessage) => {
    if (message.type === 'sample') send({ type: 'sample', sample: sample(requests) })
    else void stop()
  })
  process.on('disconnect', () => void stop())
  send({ type: 'ready', port: server.port })
}

/**
 * A framework's server entry: builds the app of the setup its first argument names (the variant's
 * library) with the store mode its second names, and serves it; a failure is reported to the
 * bench instead of dying silently.
 */
export function runServer(setups: Record<string, (mode: string) => App | Promise<App>>): void {
  const [library = '', mode = ''] = process.argv.slice(2)
  const start = async () => {
    const setup = setups[library]
    if (!setup) throw new Error(`[bench] this server has no ${JSON.stringify(library)} variant`)
    await serve(await setup(mode))
  }
  start().catch((error: unknown) => {
    send({ type: 'failed', message: error instanceof Error ? (error.stack ?? error.message) : String(error) })
    process.exitCode = 1
    process.disconnect?.()
  })
}

import { createServer, type RequestListener } from 'node:http'
import type { AddressInfo } from 'node:net'
import { setTimeout as sleep } from 'node:timers/promises'
import type { ControlMessage, ServerMessage, ServerSample } from '../protocol'

/** What a server entry hands to `serve`. */
export interface ServeOptions {
  /** Releases what the app holds (store timers, Redis connections) before the process exits. */
  close?: () => Promise<void>
}

/** How long `close` may take at stop before the process exits anyway. */
const CLOSE_GRACE_MS = 2_000

function send(message: ServerMessage): void {
  process.send?.(message)
}

function sample(requests: number): ServerSample {
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
 * Serves `listener` on a free loopback port and answers the bench over IPC: `ready` with the
 * port, a `sample` of this process's own CPU time, request count and memory on demand, and a clean
 * exit on `stop` (or when the bench goes away, so no server outlives it).
 */
export async function serve(listener: RequestListener, options: ServeOptions = {}): Promise<void> {
  if (!process.send) throw new Error('[bench] a server must be started by the bench (IPC channel missing)')
  let requests = 0
  const server = createServer(listener)
  // Counted at the socket layer, not in the app: the same count for every framework.
  server.on('request', () => {
    requests++
  })
  // Keep-alive connections from the load generator must not hold the process open at stop.
  server.keepAliveTimeout = 5_000

  let stopping = false
  const stop = async (code: number) => {
    if (stopping) return
    stopping = true
    server.closeAllConnections()
    server.close()
    // Bounded: a client that cannot say goodbye to Redis must not keep the server alive.
    await Promise.race([options.close?.().catch(() => undefined), sleep(CLOSE_GRACE_MS)])
    process.exit(code)
  }

  process.on('message', (message: ControlMessage) => {
    if (message.type === 'sample') send({ type: 'sample', sample: sample(requests) })
    else if (message.type === 'stop') void stop(0)
  })
  process.on('disconnect', () => void stop(0))

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen({ host: '127.0.0.1', port: 0 }, resolve)
  })
  send({ type: 'ready', port: (server.address() as AddressInfo).port })
}

/** Runs a server entry's start-up, reporting a failure to the bench instead of dying silently. */
export function runServer(start: () => Promise<void>): void {
  start().catch((error: unknown) => {
    send({ type: 'failed', message: error instanceof Error ? (error.stack ?? error.message) : String(error) })
    process.exitCode = 1
    process.disconnect?.()
  })
}

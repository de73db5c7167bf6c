import { setTimeout as sleep } from 'node:timers/promises'

/** One request of a load run: when it was sent, when it was answered, and how. */
export interface Sample<K extends string = string> {
  kind: K
  /** Epoch milliseconds. */
  startedAt: number
  /** Epoch milliseconds. */
  endedAt: number
  /** The HTTP status, or 0 when no answer came within the client's limit. */
  status: number
  /** The error code from the body of an error response. */
  code?: string
  /** True when the response set the session cookie. */
  sessionCookie: boolean
}

export type Outcome<K extends string> = Omit<Sample<K>, 'startedAt' | 'endedAt'>

export interface LoadOptions<K extends string> {
  workers: number
  /** Pause between one worker's requests, in milliseconds. */
  intervalMs: number
  /** Bound on the requests of all workers together. */
  maxRequests: number
  /** Bound on the run's duration, in milliseconds. */
  maxDurationMs: number
  /** Milliseconds a request may take before it counts as unanswered (status 0). */
  clientLimitMs: number
  /** Sends request `sequence` of `worker`. */
  send(worker: number, sequence: number): Promise<Outcome<K>>
  /** The kind of request `sequence` of `worker`, for a sample that got no answer. */
  kindOf(worker: number, sequence: number): K
}

/** Runs `send` within `limitMs`; `undefined` when it took longer (the request is left behind). */
async function withinLimit<T>(work: Promise<T>, limitMs: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined
  const expired = new Promise<undefined>((resolve) => {
    timer = setTimeout(resolve, limitMs, undefined)
  })
  work.catch(() => undefined)
  try {
    return await Promise.race([work, expired])
  } finally {
    clearTimeout(timer)
  }
}

/**
 * Steady, bounded load: `workers` loops, each sending one request at a time with a pause
 * between, until `stop()` or either bound. Every request is recorded, answered or not.
 */
export function startLoad<K extends string>(options: LoadOptions<K>) {
  const samples: Sample<K>[] = []
  const deadline = Date.now() + options.maxDurationMs
  let stopped = false
  let sent = 0
  const worker = async (index: number) => {
    for (let sequence = 0; !stopped && sent < options.maxRequests && Date.now() < deadline; sequence++) {
      sent++
      const startedAt = Date.now()
      const outcome = await withinLimit(
        options
          .send(index, sequence)
          .catch(
            (): Outcome<K> => ({ kind: options.kindOf(index, sequence), status: -1, sessionCookie: false }),
          ),
        options.clientLimitMs,
      )
      samples.push({
        ...(outcome ?? { kind: options.kindOf(index, sequence), status: 0, sessionCookie: false }),
        startedAt,
        endedAt: Date.now(),
      })
      await sleep(options.intervalMs)
    }
  }
  const running = Promise.all(Array.from({ length: options.workers }, (_, index) => worker(index)))
  return {
    samples,
    /** Ends the run and resolves with every sample once the workers are done. */
    async stop(): Promise<Sample<K>[]> {
      stopped = true
      await running
      return samples
    },
  }
}

import {
  type IncomingMessage,
  IncomingMessage as NodeRequest,
  ServerResponse as NodeResponse,
  type ServerResponse,
} from 'node:http'
import { Socket } from 'node:net'
import type { HttpSession, SessionLifecycle } from '@fly-session/core'
import { bindLifecycleToResponse, setRequestSession } from '@fly-session/core/node'
import express from 'express'
import { median } from '../results/summarize'

/*
 * What tying a session to an Express request costs, on requests and responses Express 5 itself
 * prepared (its app swaps their prototypes, which gives each one a shape of its own): nothing,
 * one property added to the response (the least a binding can cost there), fly-session's whole
 * binding as the Express adapter does it (core/node's bindLifecycleToResponse and
 * setRequestSession, then four reads of req.session), and end() with and without it (a response
 * with no socket buffers what it writes). Wall time of the operation alone, per
 * request, over small batches prepared just before (so in cache, as a request Express has just
 * handled is); median of the rounds after the warm-up ones.
 */

/** Pairs prepared, then measured, at a time: few enough to be in cache, as a request Express just handled is. */
const BATCH = 64
/** Batches per round. */
const BATCHES = 100
const ROUNDS = 14
const WARM_UP_ROUNDS = 4

type Pair = { req: IncomingMessage; res: ServerResponse }

/** A lifecycle that has nothing to write: the binding's own work is what is measured. */
const lifecycle: SessionLifecycle = {
  state: 'loaded',
  load: () => Promise.reject(new Error('not used')),
  setCookie: () => undefined,
  commit: () => Promise.resolve(),
  startCommit: () => undefined,
}
const session = { id: 'unused' } as unknown as HttpSession
const FORMER_BINDING = Symbol('former binding')

const app = express()
let prepared: Pair[] = []
app.use((req, res) => void prepared.push({ req, res }))
const sockets = Array.from({ length: 50 }, () => new Socket())

/** `BATCH` request/response pairs that went through a real Express app's handling, up to its first middleware. */
function preparedPairs(): Pair[] {
  prepared = []
  for (let index = 0; index < BATCH; index++) {
    const req = new NodeRequest(sockets[index % sockets.length]!)
    req.method = 'GET'
    req.url = '/read'
    req.headers = { host: 'bench', cookie: 'sid=bench' }
    app(req, new NodeResponse(req))
  }
  return prepared
}

/** The binding as the Express adapter makes it: bind the response, set `req.session`, read it. */
function bindAndRead({ req, res }: Pair): number {
  bindLifecycleToResponse(res, lifecycle, () => undefined)
  setRequestSession(req, session)
  let found = 0
  for (let read = 0; read < 4; read++) if ((req as { session?: unknown }).session === session) found++
  return found
}

const OPERATIONS: Record<string, (pair: Pair) => number> = {
  nothing: ({ res }) => (res.statusCode === 200 ? 4 : 0),
  'a property added to the response': ({ res }) => {
    const target = res as unknown as Record<symbol, unknown>
    target[FORMER_BINDING] = { res }
    let found = 0
    for (let read = 0; read < 4; read++) if (target[FORMER_BINDING] !== undefined) found++
    return found
  },
  "fly-session's binding (bind, set req.session, 4 reads)": bindAndRead,
  'end() alone': ({ res }) => {
    res.end()
    return res.writableEnded ? 4 : 0
  },
  "fly-session's binding, then end() through its hooks": (pair) => {
    const found = bindAndRead(pair)
    pair.res.end()
    return pair.res.writableEnded ? found : 0
  },
}

/** Measures each operation and prints the table (`pnpm bench --express-binding`). */
export function runExpressBinding(): void {
  const perRequest = new Map<string, number[]>(Object.keys(OPERATIONS).map((name) => [name, []]))
  for (let round = 0; round < ROUNDS; round++) {
    for (const [name, operation] of Object.entries(OPERATIONS)) {
      let found = 0
      let nanos = 0n
      for (let batch = 0; batch < BATCHES; batch++) {
        const pairs = preparedPairs()
        const started = process.hrtime.bigint()
        for (const pair of pairs) found += operation(pair)
        nanos += process.hrtime.bigint() - started
      }
      const requests = BATCH * BATCHES
      // An operation that silently missed what it stored would look cheap.
      if (found !== requests * 4)
        throw new Error(`[bench] express-binding: ${name} found ${found} of ${requests * 4}`)
      if (round >= WARM_UP_ROUNDS) perRequest.get(name)!.push(Number(nanos) / 1000 / requests)
    }
  }
  const nothing = median(perRequest.get('nothing')!)
  console.log('| operation on an Express 5 request | µs per request | over nothing |')
  console.log('| --- | ---: | ---: |')
  for (const [name, values] of perRequest) {
    const value = median(values)
    console.log(
      `| ${name} | ${value.toFixed(2)} | ${name === 'nothing' ? '-' : `+${(value - nothing).toFixed(2)}`} |`,
    )
  }
}

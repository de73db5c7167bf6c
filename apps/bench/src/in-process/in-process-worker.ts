import { createSessionManager, type HttpSession, runSession } from '@fly-session/core'
import { getSetView, routes, type SessionView } from '../servers/contract'
import { floorSetup } from '../servers/floor'
import { flySetup } from '../servers/fly'
import type { InProcessCommand, InProcessReply, InProcessRoute, InProcessVariant } from './protocol'

// Forked by the bench as `node in-process-worker.js <variant> <operations> <in flight>`, pinned
// to the servers' CPU, with the bench's Redis in BENCH_REDIS_URL (as a server is): one variant per
// process, as one server runs one library. (Run side by side in one process, the variants share
// the JIT's type feedback: MemoryStore measured 1 µs dearer per read and 2 µs per modify with
// RedisStore's requests running in the same process.) It seeds its sessions, says `ready`, then
// measures one round per `round` message and answers with its CPU per operation.

/** Seeded sessions each variant's operations rotate through. */
const SESSIONS = 32

/** What a route's handler gets here: the request's Cookie header, and where a Set-Cookie value goes. */
interface Request {
  cookie: string | undefined
  setCookie: (value: string) => void
}

/** One request's session work in one variant: load, the route's work, and the commit. */
type Operation = () => Promise<unknown>
type Handler<Ctx> = (ctx: Ctx) => Promise<object>

/** The routes' handlers by name, over `load` (the shared route code every HTTP server mounts). */
function handlers<Ctx>(load: (ctx: Ctx) => SessionView | Promise<SessionView>) {
  const [seed, read, modify] = routes(load, () => 'in-process').map(([, , handle]) => handle)
  return { seed: seed!, read: read!, modify: modify! }
}
type Handlers<Ctx> = ReturnType<typeof handlers<Ctx>>

/** The floor's operations, and its seeded cookies. */
async function floorVariant() {
  const floor = await floorSetup()
  const route = handlers((request: Request) => floor.load(request.cookie, request.setCookie))
  return { operations: await seeded(route, (handle, request) => handle(request)), close: floor.close }
}

/** fly-session's operations on a store mode, through `runSession` as the Koa and h3 2 adapters call it. */
async function flyVariant(mode: 'memory' | 'redis') {
  const fly = await flySetup(mode)
  const manager = createSessionManager(fly.options)
  const route = handlers((session: HttpSession) => getSetView(session))
  const operations = await seeded(route, (handle, request) =>
    runSession(manager, request.cookie, (session) => handle(session), request.setCookie),
  )
  return { operations, close: fly.close }
}

/**
 * Seeds `SESSIONS` sessions through the seed route and returns the read and modify operations,
 * each request carrying one of their cookies in turn.
 */
async function seeded<Ctx>(
  route: Handlers<Ctx>,
  serve: (handle: Handler<Ctx>, request: Request) => Promise<unknown>,
): Promise<Record<InProcessRoute, Operation>> {
  const cookies: string[] = []
  for (let index = 0; index < SESSIONS; index++) {
    let cookie: string | undefined
    await serve(route.seed, { cookie: undefined, setCookie: (value) => (cookie = value.split(';')[0]) })
    if (cookie === undefined) throw new Error('[bench] in-process: the seed route set no cookie')
    cookies.push(cookie)
  }
  const ignore = () => undefined
  let turn = 0
  const next = () => cookies[turn++ % cookies.length]!
  return {
    read: () => serve(route.read, { cookie: next(), setCookie: ignore }),
    modify: () => serve(route.modify, { cookie: next(), setCookie: ignore }),
  }
}

/** Runs `operations` operations, `inFlight` at a time; CPU µs per operation. */
async function cpuPerOperation(operation: Operation, operations: number, inFlight: number): Promise<number> {
  let started = 0
  const worker = async () => {
    while (started < operations) {
      started++
      await operation()
    }
  }
  const before = process.cpuUsage()
  await Promise.all(Array.from({ length: inFlight }, worker))
  const spent = process.cpuUsage(before)
  return (spent.user + spent.system) / operations
}

type Setup = () => Promise<{ operations: Record<InProcessRoute, Operation>; close: () => Promise<unknown> }>
/** How each variant sets up its operations. */
const SETUPS: Record<InProcessVariant, Setup> = {
  floor: floorVariant,
  'fly-memory': () => flyVariant('memory'),
  'fly-redis': () => flyVariant('redis'),
}

const reply = (message: InProcessReply) => process.send?.(message)

async function main() {
  const [name, operations, inFlight] = process.argv.slice(2) as [InProcessVariant, string, string]
  const setup = SETUPS[name]
  if (setup === undefined) throw new Error(`[bench] in-process: unknown variant ${name}`)
  const variant = await setup()
  process.on('message', (command: InProcessCommand) => {
    if (command.type === 'close') {
      variant.close().finally(() => process.exit(0))
      return
    }
    cpuPerOperation(variant.operations[command.route], Number(operations), Number(inFlight)).then(
      (cpuMicrosPerOperation) => reply({ type: 'round', cpuMicrosPerOperation }),
      fail,
    )
  })
  reply({ type: 'ready' })
}

/** Reports a failure to the bench, then exits. */
function fail(error: unknown) {
  reply({ type: 'failed', message: error instanceof Error ? (error.stack ?? error.message) : String(error) })
  process.exitCode = 1
  setImmediate(() => process.exit(1))
}

main().catch(fail)

import { createSessionManager, type HttpSession, runSession } from '@fly-session/core'
import { median } from '../results/summarize'
import { getSetView, routes, type SessionView } from '../servers/contract'
import { floorSetup } from '../servers/floor'
import { flySetup } from '../servers/fly'

// Started by the bench as `node in-process-worker.js <rounds> <operations> <in flight>`, pinned
// to the servers' CPU, with the bench's Redis in BENCH_REDIS_URL (as a server is). It prints its
// InProcessResult list as JSON.

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

/** One variant's figure on one route: CPU per operation, the median over the rounds. */
export interface InProcessResult {
  variant: 'floor' | 'fly-memory' | 'fly-redis'
  route: 'read' | 'modify'
  /** Main-thread and all other threads' CPU (`process.cpuUsage()`) per operation, µs. */
  cpuMicrosPerOperation: number
}

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
): Promise<Record<InProcessResult['route'], Operation>> {
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

async function main() {
  const [rounds, operations, inFlight] = process.argv.slice(2).map(Number) as [number, number, number]
  const variants = {
    floor: await floorVariant(),
    'fly-memory': await flyVariant('memory'),
    'fly-redis': await flyVariant('redis'),
  }
  const names = Object.keys(variants) as Array<InProcessResult['variant']>
  const figures = new Map<string, number[]>()
  // A warm-up round, then rounds in alternating order, so no variant always follows the same one.
  for (let round = -1; round < rounds; round++) {
    const order = round % 2 === 0 ? names : [...names].reverse()
    for (const variant of order) {
      for (const route of ['read', 'modify'] as const) {
        const micros = await cpuPerOperation(variants[variant].operations[route], operations, inFlight)
        const key = `${variant} ${route}`
        if (round >= 0) figures.set(key, [...(figures.get(key) ?? []), micros])
      }
    }
  }
  const results: InProcessResult[] = names.flatMap((variant) =>
    (['read', 'modify'] as const).map((route) => ({
      variant,
      route,
      cpuMicrosPerOperation: median(figures.get(`${variant} ${route}`)!),
    })),
  )
  for (const { close } of Object.values(variants)) await close()
  process.stdout.write(JSON.stringify(results))
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error)
    process.exit(1)
  },
)

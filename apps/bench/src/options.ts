import { parseArgs } from 'node:util'
import { rawVariantOf, VARIANTS } from './variants'

/**
 * Enough connections to keep the server's core busy whatever its latency: with few, a variant
 * that waits longer on Redis runs its event loop half idle and pays each loop turn's fixed cost
 * over fewer requests, so its CPU per request grew with its latency (seen at 10: the same
 * variant measured 30-60 % higher than at 50).
 */
const DEFAULT_CONNECTIONS = 50

// Passes over all frameworks (fresh server processes each), rounds per pass (each variant of a
// framework gets one measured window per route per round, interleaved with the others), seconds
// of unmeasured load per route once a server starts (lets the JIT settle) and again before each
// window (a server idle while the others ran starts its window cold: Express's first window after
// a switch measured up to twice its steady CPU per request), seconds of each measured window,
// distinct sessions the requests rotate through, session counts of the MemoryStore scale figure,
// and the in-process figure's rounds and requests per round.
// Short windows, many of them: this machine's hypervisor takes a share of the CPU that changes
// within seconds, so windows far apart in time disagree more than variants do. Quick is a smoke
// test: every variant and check runs once, too briefly for figures worth comparing.
const FULL = {
  repetitions: 3,
  rounds: 3,
  warmupSeconds: 1,
  rewarmSeconds: 0.5,
  durationSeconds: 1,
  sessions: 32,
  scaleCounts: [1e5, 1e6],
  inProcessRounds: 15,
  inProcessOperations: 5_000,
}
const QUICK = {
  repetitions: 1,
  rounds: 1,
  warmupSeconds: 0.2,
  rewarmSeconds: 0.1,
  durationSeconds: 0.4,
  sessions: 8,
  scaleCounts: [1e4, 5e4],
  inProcessRounds: 2,
  inProcessOperations: 500,
}

const USAGE = `usage: pnpm bench [--quick] [--only=id,id] [--connections=N] [--no-scale] [--no-pin] [--profile] [--out=DIR]
       pnpm bench --in-process [--quick]   (only the session work alone, no HTTP: printed, nothing written)
       pnpm bench --express-binding        (what tying a session to an Express request costs: printed, nothing written)
       pnpm bench --render=docs/bench/results.json [--out=DIR]   (report again, measure nothing)
variants: ${VARIANTS.map((variant) => variant.id).join(', ')}`

/** Picks the `--only` variants, adding each one's raw baseline (ratios need it), in catalog order. */
function selectVariants(only: string | undefined) {
  if (only === undefined) return [...VARIANTS]
  const wanted = new Set(only.split(',').map((id) => id.trim()))
  for (const id of wanted)
    if (!VARIANTS.some((variant) => variant.id === id))
      throw new Error(`[bench] unknown variant ${id}\n${USAGE}`)
  for (const variant of VARIANTS) if (wanted.has(variant.id)) wanted.add(rawVariantOf(variant.framework).id)
  return VARIANTS.filter((variant) => wanted.has(variant.id))
}

const flag = { type: 'boolean', default: false } as const
/** The command line's flags, and its options that take a value. */
const FLAGS = {
  quick: flag,
  'no-scale': flag,
  profile: flag,
  'in-process': flag,
  'express-binding': flag,
  'no-pin': flag,
  help: flag,
}
const NAMES = ['only', 'connections', 'out', 'render'] as const
type Name = (typeof NAMES)[number]
const text = { type: 'string' } as const
const VALUED = Object.fromEntries(NAMES.map((name) => [name, text])) as Record<Name, typeof text>

/** Parses the command line (`pnpm bench -- --quick` and `pnpm bench --quick` both arrive here). */
export function parseOptions(argv: string[]) {
  const { values } = parseArgs({
    args: argv.filter((arg) => arg !== '--'),
    options: { ...FLAGS, ...VALUED },
  })
  if (values.help) {
    console.log(USAGE)
    process.exit(0)
  }
  const base = values.quick ? QUICK : FULL
  const connections = Math.round(Number(values.connections ?? DEFAULT_CONNECTIONS))
  if (!(connections > 0)) throw new Error(`[bench] --connections must be a positive number\n${USAGE}`)
  return {
    quick: values.quick,
    variants: selectVariants(values.only),
    ...base,
    /** Concurrent keep-alive connections from the load generator. */
    connections,
    /** Session counts for the MemoryStore scale figure (empty: skip it). */
    scaleCounts: values['no-scale'] ? [] : base.scaleCounts,
    /** Run the servers under `node --cpu-prof` and summarise where their CPU time goes. */
    profile: values.profile,
    /** Measure only the session work alone (no HTTP, a process per variant), and print it. */
    inProcessOnly: values['in-process'],
    /** Measure only what binding a session to an Express request costs (no server, no Redis), and print it. */
    expressBindingOnly: values['express-binding'],
    /** Give each server a CPU of its own (when the machine has two or more and `taskset`). */
    pin: !values['no-pin'],
    /** Where BENCHMARKS.md and results.json go; undefined: the repository's committed locations. */
    outDir: values.out,
    /** Measure nothing: render the report again from this results.json. */
    render: values.render,
  }
}

/** Everything one bench run is told to do. Durations in seconds. */
export type BenchOptions = ReturnType<typeof parseOptions>

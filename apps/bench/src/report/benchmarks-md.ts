import type { Pinning } from '../harness/cpu-pinning'
import type { BenchOptions } from '../options'
import { median } from '../results/stats'
import type { Row } from '../results/summarize'
import { fixed } from './format'
import { glanceTable } from './glance-table'
import { resultsTable, tableLine } from './results-table'
import type { RunRecord } from './run-record'
import { scaleTable } from './scale-table'
import { type TargetOutcome, verdict } from './targets'

/** Everything one run produced, for the report. */
export interface RunReport extends RunRecord {
  rows: readonly Row[]
  targets: readonly TargetOutcome[]
  /** Path of the chart relative to the Markdown file. */
  chartPath: string
}

function targetsTable(targets: readonly TargetOutcome[]): string {
  const lines = [tableLine(['target', 'measured', 'met']), tableLine(['---', '---', '---'])]
  for (const outcome of targets) {
    const met = verdict(outcome)
    lines.push(tableLine([outcome.target, outcome.measured, outcome.met === false ? `**${met}**` : met]))
  }
  return lines.join('\n')
}

function machineSection(report: RunReport): string {
  const { environment: env, samples } = report
  const loads = samples.map((sample) => sample.loadAverage)
  const load = loads.length
    ? `${fixed(Math.min(...loads), 1)} / ${fixed(median(loads), 1)} / ${fixed(Math.max(...loads), 1)}`
    : 'n/a'
  const versions = Object.entries(env.packages)
    .map(([name, version]) => `${name} ${version}`)
    .join(', ')
  return [
    `- Date: ${env.date}; commit ${env.commit}; whole run ${Math.round(report.elapsedSeconds)} s.`,
    `- Machine: ${env.cpuModel}, ${env.cores} cores, ${env.memoryGiB} GiB; ${env.os}.`,
    `- 1-minute load average as the measured windows began (min / median / max): ${load}. The bench`,
    `  itself keeps about 2 busy (server + load generator); more means other work shared the machine.`,
    `- Node ${env.node}; redis-server ${env.redisServer}; ${versions}.`,
  ].join('\n')
}

function pinningLines(pinning: Pinning | undefined): string[] {
  if (!pinning) {
    return [
      `- Not pinned: the server, the load generator and redis-server share the CPUs, so req/s is`,
      `  shared-CPU throughput; CPU per request is the steadier figure to compare libraries by.`,
    ]
  }
  return [
    `- Pinned with \`taskset\`: each server has CPU ${pinning.server} to itself; the load generator and`,
    `  redis-server run on CPU ${pinning.bench}. req/s is therefore what one server core delivers, as long as`,
    `  the load generator keeps up (the fastest raw servers can outrun it: see their p99 and ×raw). Other`,
    `  processes on the machine are not pinned and may still land on the server's CPU.`,
  ]
}

function methodSection(options: BenchOptions, pinning: Pinning | undefined): string {
  return [
    `- Each variant is a real HTTP server in its own process, started with plain \`node\` on the`,
    `  *built* packages (dist/, as users run them; \`pnpm bench\` builds them first), listening on 127.0.0.1.`,
    `- ${options.repetitions} passes over all variants, alternating forward and reverse order (A B C … C B A …);`,
    `  a fresh server process per variant per pass. Per route: ${options.warmupSeconds} s unmeasured warm-up,`,
    `  then ${options.durationSeconds} s measured with autocannon (${options.connections} keep-alive connections,`,
    `  no pipelining) from the bench process.`,
    `- Before measuring, ${options.sessions} sessions are created through the server's own seed route; the`,
    `  bench checks that each reads back its own random token, that a request without a cookie reads`,
    `  nothing, and that two increments count 1 then 2. Every measured request carries one of those`,
    `  cookies (rotating). Any non-2xx answer fails the run, and a Redis variant with no Redis traffic`,
    `  (or a memory one with some) fails it too.`,
    `- Routes: **read** (GET, reads one attribute, writes nothing) and **modify** (POST, increments a`,
    `  counter). Cookie-based peers (koa-session cookie, h3 useSession, hono-sessions cookie) get a new cookie on each modify`,
    `  but the load generator keeps sending the seeded one, so each modify starts from the same state.`,
    `- req/s: completed 2xx responses over the window; "spread" = (max − min) / median across passes.`,
    `  p99: autocannon's latency percentile. CPU µs/req: the server process's own \`process.cpuUsage()\``,
    `  (user + system, all its threads) over the window, divided by the requests it received, read over`,
    `  IPC so the load generator's CPU never counts. "×raw" and "+CPU": each pass's figure against the`,
    `  same framework's raw server in the same pass, then the median. Redis cmd/req: \`INFO commandstats\``,
    `  deltas over the window (the bench's own INFO excluded) divided by requests; it counts commands run`,
    `  inside Lua scripts too, so "round trips" (commands the server sent) come from a separate MONITOR`,
    `  census of 20 requests per route, taken before the window (MONITOR slows Redis). RSS/heap: the server's`,
    `  \`process.memoryUsage()\` at the end of the window. Every figure is the median over passes.`,
    ...pinningLines(pinning),
  ].join('\n')
}

const PEERS_NOTE = [
  '- **express-session** 1.x with `resave: false, saveUninitialized: false`, cookie maxAge = 1800 s;',
  '  its own MemoryStore, or **connect-redis 9** over **node-redis 5** as connect-redis documents',
  '  (connect-redis 10 needs Node 22; 9 is the newest that runs on Node 20).',
  '- **koa-session 7** (`signed`, no rolling/renew): the whole session in a signed cookie, or an',
  '  external store: a 20-line ioredis store (GET / SET PX / DEL, JSON), the leanest correct one, rather',
  '  than the koa-redis package (ioredis 4, generator functions, last released 2019), so the comparison',
  '  is with koa-session at its best.',
  '- **h3 `useSession`**, sealed cookie, on both majors: h3 v2 (`maxAge` 86400 s, `idleTimeout` 1800 s;',
  '  its seal derives keys with PBKDF2, 8192 iterations, on every request) and h3 v1.15 (what Nuxt 4 runs;',
  '  `maxAge` 86400 s, no idle timeout in v1; 1 iteration). fly-session runs on both majors too.',
  '  Express 5 and Koa 3 throughout.',
  '- **@fastify/session 11** with `@fastify/cookie`, `saveUninitialized: false, rolling: false`, cookie',
  '  maxAge = 1800 s; its own in-memory store, or connect-redis 9 over node-redis 5 (the store its',
  '  README recommends). Fastify 5, its request handler served by the same `node:http` server as the others.',
  '- **hono-sessions 0.8** (the most used Hono session library), `expireAfterSeconds` 1800: its',
  '  MemoryStore (the ID in an encrypted cookie) or its CookieStore (the session encrypted into the',
  '  cookie); it has no Redis store. Hono 4 on `@hono/node-server`, fly-session through `@fly-session/fetch`.',
  '- fly-session: defaults except the secret (idle 1800 s, absolute 86400 s, touchInterval 60 s, hashed',
  '  IDs); RedisStore over ioredis 5.',
].join('\n')

/** BENCHMARKS.md for one run. */
export function benchmarksMarkdown(report: RunReport): string {
  const quick = report.options.quick
    ? '\n> **Quick smoke run** (`--quick`): too short to compare libraries by; run `pnpm bench` for figures.\n'
    : ''
  const scale = report.scale.length
    ? [
        '## MemoryStore at scale',
        '',
        'Small sessions (two attributes) created through core into one `MemoryStore`, in a fresh process',
        'per count. Heap growth is measured after a full GC. Each sweep is timed directly and by a 1 ms',
        '`monitorEventLoopDelay`: the longest delay is how long a request could wait behind the sweep.',
        '',
        scaleTable(report.scale),
        '',
      ].join('\n')
    : ''
  return [
    '# Benchmarks',
    '',
    `<!-- Generated by \`pnpm bench\` (apps/bench). Do not edit by hand: re-run the bench. -->`,
    quick,
    'fly-session against express-session, koa-session, h3 `useSession`, @fastify/session and',
    'hono-sessions, each framework also run',
    'without sessions ("raw") as the baseline. Method and machine are below.',
    '',
    '## At a glance: read route, server CPU added per request over the raw framework (µs, lower is better)',
    '',
    glanceTable(report.rows),
    '',
    '## Results',
    '',
    resultsTable(report.rows),
    '',
    `![Server CPU per request by variant](${report.chartPath})`,
    '',
    '## Targets (measured, not asserted)',
    '',
    targetsTable(report.targets),
    '',
    scale,
    '## Machine and versions',
    '',
    machineSection(report),
    '',
    '## Method',
    '',
    methodSection(report.options, report.pinning),
    '',
    '## Peers, as configured',
    '',
    PEERS_NOTE,
    '',
    '## Reproduce',
    '',
    '```sh',
    'pnpm install && pnpm bench            # full run, about 10 minutes; writes this file and the chart',
    'pnpm bench --quick                    # about a minute, smoke test (what CI runs)',
    'pnpm bench --only=express-fly-redis --profile   # server CPU profile of one variant',
    '```',
    '',
  ].join('\n')
}

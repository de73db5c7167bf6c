import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Pinning } from '../harness/cpu-pinning'
import { BENCH_DIR } from '../paths'
import { median, type Row } from '../results/summarize'
import type { RunRecord } from './run-record'
import { fixed, glanceTable, resultsTable, scaleTable } from './tables'

/** The report's prose, with `{{name}}` where a run's figures and tables go. */
const TEMPLATE = join(BENCH_DIR, 'src', 'report', 'benchmarks.template.md')

/** Everything one run produced, for the report. */
export interface RunReport extends RunRecord {
  rows: readonly Row[]
  /** Hand-written notes on the run (docs/bench/notes.md), appended as they are. */
  notes?: string
}

function pinningLines(pinning: Pinning | undefined): string {
  if (!pinning) {
    return [
      `- Not pinned: the server, the load generator and redis-server share the CPUs, so req/s is`,
      `  shared-CPU throughput; CPU per request is the steadier figure to compare libraries by.`,
    ].join('\n')
  }
  return [
    `- Pinned with \`taskset\`: each server has CPU ${pinning.server} to itself; the load generator and`,
    `  redis-server run on CPU ${pinning.bench}. req/s is therefore what one server core delivers, as long as`,
    `  the load generator keeps up (the fastest raw servers can outrun it: see their p99 and ×raw). Other`,
    `  processes on the machine are not pinned and may still land on the server's CPU.`,
  ].join('\n')
}

const SCALE_INTRO = `## MemoryStore at scale

Small sessions (two attributes) created through core into one \`MemoryStore\`, in a fresh process
per count. Heap growth is measured after a full GC. Each sweep is timed directly and by a 1 ms
\`monitorEventLoopDelay\`: the longest delay is how long a request could wait behind the sweep.`

/** BENCHMARKS.md for one run: the template filled in. */
export function benchmarksMarkdown(report: RunReport): string {
  const { environment: env, options } = report
  const loads = report.samples.map((sample) => sample.loadAverage)
  const values: Record<string, unknown> = {
    ...env,
    ...options,
    quick: options.quick
      ? '\n> **Quick smoke run** (`--quick`): too short to compare libraries by; run `pnpm bench` for figures.\n'
      : '',
    glance: glanceTable(report.rows),
    results: resultsTable(report.rows),
    scale: report.scale.length ? `${SCALE_INTRO}\n\n${scaleTable(report.scale)}\n` : '',
    elapsedSeconds: Math.round(report.elapsedSeconds),
    load: loads.length
      ? [Math.min(...loads), median(loads), Math.max(...loads)].map((load) => fixed(load, 1)).join(' / ')
      : 'n/a',
    versions: Object.entries(env.packages)
      .map(([name, version]) => `${name} ${version}`)
      .join(', '),
    pinning: pinningLines(report.pinning),
    notes: report.notes ? `\n## Notes\n\n${report.notes.trim()}\n` : '',
  }
  const filled = readFileSync(TEMPLATE, 'utf8').replace(/\{\{(\w+)\}\}/g, (_, name: string) => {
    if (!(name in values)) throw new Error(`[bench] the report template names an unknown {{${name}}}`)
    return String(values[name])
  })
  // An empty section leaves a run of blank lines behind.
  return `${filled.replace(/\n{3,}/g, '\n\n').trimEnd()}\n`
}

import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import type { Environment, Pinning } from '../environment'
import type { Sample } from '../harness/run-suite'
import type { InProcessResult } from '../in-process/protocol'
import type { BenchOptions } from '../options'
import { BENCH_DIR, REPO_DIR } from '../paths'
import { median, type Row, STEAL_LIMIT_PERCENT, summarize } from '../results/summarize'
import type { ScaleResult } from '../scale/scale-worker'
import { VARIANTS } from '../variants'
import { fixed, glanceTable, inProcessTable, resultsTable, scaleTable } from './tables'

/** What a run measured, before any summary: enough to render its report again (`--render`). */
export interface RunRecord {
  environment: Environment
  options: BenchOptions
  pinning: Pinning | undefined
  elapsedSeconds: number
  samples: readonly Sample[]
  /** Absent in records from before the in-process figure existed. */
  inProcess?: readonly InProcessResult[]
  scale: readonly ScaleResult[]
}

/** The report's prose, with `{{name}}` where a run's figures and tables go. */
const TEMPLATE = join(BENCH_DIR, 'src', 'report', 'benchmarks.template.md')
/** Hand-written notes on the latest full run (what changed and what it bought), appended to the report. */
const NOTES = join(REPO_DIR, 'docs', 'bench', 'notes.md')

/** BENCHMARKS.md for one run: the template filled in, with its summary `rows` and hand-written `notes`. */
export function benchmarksMarkdown(record: RunRecord, rows: readonly Row[], notes?: string): string {
  const { environment: env, options } = record
  // min / median / max over the windows; runs recorded before a figure existed have none.
  const range = (values: Array<number | undefined>) => {
    const known = values.filter((value) => value !== undefined)
    return known.length
      ? [Math.min(...known), median(known), Math.max(...known)].map((v) => fixed(v, 1)).join(' / ')
      : 'not recorded'
  }
  const values: Record<string, unknown> = {
    ...env,
    ...options,
    ...record.pinning,
    glance: glanceTable(rows),
    results: resultsTable(rows),
    inProcess: record.inProcess?.length ? inProcessTable(record.inProcess) : '',
    scale: record.scale.length ? scaleTable(record.scale) : '',
    elapsedSeconds: Math.round(record.elapsedSeconds),
    load: range(record.samples.map((sample) => sample.loadAverage)),
    steal: range(record.samples.map((sample) => sample.stealPercent)),
    stealLimit: STEAL_LIMIT_PERCENT,
    versions: Object.entries(env.packages)
      .map(([name, version]) => `${name} ${version}`)
      .join(', '),
    pinning: record.pinning,
    notes: notes?.trim(),
  }
  const known = (name: string) => {
    if (!(name in values)) throw new Error(`[bench] the report template names an unknown {{${name}}}`)
    return values[name]
  }
  // `{{#name}}` ... `{{/name}}` lines: kept when the value is set (`{{^name}}`: when it is not).
  const filled = readFileSync(TEMPLATE, 'utf8')
    .replace(
      /\{\{([#^])(\w+)\}\}\n([\s\S]*?)\{\{\/\2\}\}\n/g,
      (_, kind: string, name: string, body: string) => (Boolean(known(name)) === (kind === '#') ? body : ''),
    )
    .replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(known(name)))
  // An empty section leaves a run of blank lines behind.
  return `${filled.replace(/\n{3,}/g, '\n\n').trimEnd()}\n`
}

function write(path: string, content: string): void {
  mkdirSync(dirname(path), { recursive: true })
  writeFileSync(path, content)
}

/**
 * Writes BENCHMARKS.md and results.json (every sample, the settings with variants by id, and the
 * environment: `--render` makes the report again from it) and returns the summary rows. A full
 * run writes the committed files (BENCHMARKS.md, docs/bench/results.json); a quick run writes
 * under apps/bench/dist/quick-report/ so a smoke test never replaces real figures; `--out`
 * overrides.
 */
export function writeReport(record: RunRecord, outDir: string | undefined): { rows: Row[]; paths: string[] } {
  const committed = outDir === undefined && !record.options.quick
  const dir = outDir ?? join(BENCH_DIR, 'dist', 'quick-report')
  const paths = committed
    ? [join(REPO_DIR, 'BENCHMARKS.md'), join(REPO_DIR, 'docs', 'bench', 'results.json')]
    : [join(dir, 'BENCHMARKS.md'), join(dir, 'results.json')]
  // The record first: a report that fails to render must not cost the run (`--render` retries it).
  const { options, ...rest } = record
  const settings = { ...options, variants: options.variants.map((variant) => variant.id) }
  write(paths[1]!, `${JSON.stringify({ ...rest, settings }, null, 2)}\n`)
  const rows = summarize(record.options.variants, record.samples)
  const notes = existsSync(NOTES) ? readFileSync(NOTES, 'utf8') : undefined
  write(paths[0]!, benchmarksMarkdown(record, rows, notes))
  return { rows, paths }
}

/** Reads a record `writeReport` wrote. */
export function readRecord(path: string): RunRecord {
  const { settings, ...rest } = JSON.parse(readFileSync(path, 'utf8'))
  const variants = (settings.variants as string[]).map((id) => {
    const variant = VARIANTS.find((candidate) => candidate.id === id)
    if (!variant) throw new Error(`[bench] ${path} names an unknown variant ${id}`)
    return variant
  })
  return { ...rest, options: { ...settings, variants } }
}

import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import type { Environment } from '../environment'
import type { Pinning } from '../harness/cpu-pinning'
import type { Sample } from '../harness/measure'
import type { BenchOptions } from '../options'
import { BENCH_DIR, REPO_DIR } from '../paths'
import type { Row } from '../results/summarize'
import type { ScaleResult } from '../scale/run-scale'
import { VARIANTS } from '../variants'
import { benchmarksMarkdown } from './benchmarks-md'

/** What a run measured, before any summary: enough to render its report again (`--render`). */
export interface RunRecord {
  environment: Environment
  options: BenchOptions
  pinning: Pinning | undefined
  elapsedSeconds: number
  samples: readonly Sample[]
  scale: readonly ScaleResult[]
}

/** Where a run's report goes. */
export interface ReportPaths {
  markdown: string
  /** Every sample, the settings and the environment, as JSON: `--render` makes the report again from it. */
  raw: string
}

/**
 * A full run writes the committed files (BENCHMARKS.md, docs/bench/results.json); a quick run
 * writes under apps/bench/dist/quick-report/ so a smoke test never replaces real figures; `--out`
 * overrides.
 */
export function reportPaths(quick: boolean, outDir: string | undefined): ReportPaths {
  if (outDir === undefined && !quick) {
    return { markdown: join(REPO_DIR, 'BENCHMARKS.md'), raw: join(REPO_DIR, 'docs', 'bench', 'results.json') }
  }
  const dir = outDir ?? join(BENCH_DIR, 'dist', 'quick-report')
  return { markdown: join(dir, 'BENCHMARKS.md'), raw: join(dir, 'results.json') }
}

/** Hand-written notes on the latest full run (what changed and what it bought), appended to the report. */
const NOTES = join(REPO_DIR, 'docs', 'bench', 'notes.md')

function write(path: string, content: string): void {
  mkdirSync(dirname(path), { recursive: true })
  writeFileSync(path, content)
}

/** Writes the Markdown report and the raw record (variants by id). */
export function writeReport(record: RunRecord, rows: readonly Row[], paths: ReportPaths): void {
  const notes = existsSync(NOTES) ? readFileSync(NOTES, 'utf8') : undefined
  write(paths.markdown, benchmarksMarkdown({ ...record, rows, ...(notes ? { notes } : {}) }))
  const { options, ...rest } = record
  const settings = { ...options, variants: options.variants.map((variant) => variant.id) }
  write(paths.raw, `${JSON.stringify({ ...rest, settings }, null, 2)}\n`)
}

/** Reads a record `writeReport` wrote. */
export function readRecord(path: string): RunRecord {
  const json = JSON.parse(readFileSync(path, 'utf8'))
  const variants = (json.settings.variants as string[]).map((id) => {
    const variant = VARIANTS.find((candidate) => candidate.id === id)
    if (!variant) throw new Error(`[bench] ${path} names an unknown variant ${id}`)
    return variant
  })
  const { environment, pinning, elapsedSeconds, samples, scale } = json
  return { environment, options: { ...json.settings, variants }, pinning, elapsedSeconds, samples, scale }
}

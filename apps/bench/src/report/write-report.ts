import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { BENCH_DIR, REPO_DIR } from '../paths'
import { benchmarksMarkdown, type RunReport } from './benchmarks-md'
import { cpuChart } from './cpu-chart'
import { recordToJson } from './run-record'

/** Where a run's report goes. */
export interface ReportPaths {
  markdown: string
  chart: string
  /** Every sample, the settings and the environment, as JSON: `--render` makes the report again from it. */
  raw: string
}

/**
 * A full run writes the committed files (BENCHMARKS.md, docs/bench/); a quick run writes under
 * apps/bench/dist/quick-report/ so a smoke test never replaces real figures; `--out` overrides.
 */
export function reportPaths(quick: boolean, outDir: string | undefined): ReportPaths {
  if (outDir === undefined && !quick) {
    return {
      markdown: join(REPO_DIR, 'BENCHMARKS.md'),
      chart: join(REPO_DIR, 'docs', 'bench', 'cpu-per-request.svg'),
      raw: join(REPO_DIR, 'docs', 'bench', 'results.json'),
    }
  }
  const dir = outDir ?? join(BENCH_DIR, 'dist', 'quick-report')
  return {
    markdown: join(dir, 'BENCHMARKS.md'),
    chart: join(dir, 'cpu-per-request.svg'),
    raw: join(dir, 'results.json'),
  }
}

/** Hand-written notes on the latest full run (what changed and what it bought), appended to the report. */
const NOTES = join(REPO_DIR, 'docs', 'bench', 'notes.md')

function write(path: string, content: string): void {
  mkdirSync(dirname(path), { recursive: true })
  writeFileSync(path, content)
}

/** Writes the Markdown report, the SVG chart and the raw results. */
export function writeReport(report: Omit<RunReport, 'chartPath'>, paths: ReportPaths): void {
  const chartPath = relative(dirname(paths.markdown), paths.chart)
  const env = report.environment
  write(
    paths.chart,
    cpuChart(
      report.rows,
      `dark: read route, light: modify route · ${env.date} · Node ${env.node} · ${env.cpuModel}`,
    ),
  )
  const notes = existsSync(NOTES) ? readFileSync(NOTES, 'utf8') : undefined
  write(paths.markdown, benchmarksMarkdown({ ...report, chartPath, ...(notes ? { notes } : {}) }))
  const { environment, options, pinning, elapsedSeconds, samples, scale } = report
  write(paths.raw, recordToJson({ environment, options, pinning, elapsedSeconds, samples, scale }))
}

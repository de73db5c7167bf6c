import { readFileSync } from 'node:fs'
import type { Environment } from '../environment'
import type { Pinning } from '../harness/cpu-pinning'
import type { BenchOptions } from '../options'
import type { Sample } from '../results/sample'
import type { ScaleResult } from '../scale/scale-result'
import { VARIANTS } from '../variants'

/** What a run measured, before any summary: enough to render its report again (`--render`). */
export interface RunRecord {
  environment: Environment
  options: BenchOptions
  pinning: Pinning | undefined
  elapsedSeconds: number
  samples: readonly Sample[]
  scale: readonly ScaleResult[]
}

/** The record as JSON (variants by id). */
export function recordToJson(record: RunRecord): string {
  const { options, ...rest } = record
  const settings = { ...options, variants: options.variants.map((variant) => variant.id) }
  return `${JSON.stringify({ ...rest, settings }, null, 2)}\n`
}

/** Reads a record written by `recordToJson`. */
export function readRecord(path: string): RunRecord {
  const json = JSON.parse(readFileSync(path, 'utf8'))
  const ids: string[] = json.settings.variants
  const variants = ids.map((id) => {
    const variant = VARIANTS.find((candidate) => candidate.id === id)
    if (!variant) throw new Error(`[bench] ${path} names an unknown variant ${id}`)
    return variant
  })
  return {
    environment: json.environment,
    options: { ...json.settings, variants },
    pinning: json.pinning,
    elapsedSeconds: json.elapsedSeconds,
    samples: json.samples,
    scale: json.scale,
  }
}

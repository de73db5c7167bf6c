import { mkdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { progress, runVariant, type SuiteContext } from '../harness/run-suite'
import type { BenchOptions } from '../options'
import { BENCH_DIR } from '../paths'
import { fixed } from '../report/tables'
import { type Cost, profileCosts, readProfile } from './cpu-profile'

/** Functions listed per route. */
const TOP_FUNCTIONS = 25

function print(title: string, costs: readonly Cost[]): void {
  console.log(`  ${title}:`)
  for (const cost of costs) console.log(`    ${fixed(cost.microsPerRequest, 2).padStart(7)}  ${cost.name}`)
}

/**
 * Runs each selected variant once under `node --cpu-prof` (200 µs sampling) and prints, per
 * route, where its main-thread CPU went per request: by package, then the hottest functions.
 * Profiles stay in apps/bench/dist/profiles/<variant>/ for Chrome DevTools or speedscope.
 */
export async function runProfiles(options: BenchOptions, context: SuiteContext): Promise<void> {
  for (const variant of options.variants) {
    const dir = join(BENCH_DIR, 'dist', 'profiles', variant.id)
    rmSync(dir, { recursive: true, force: true })
    mkdirSync(dir, { recursive: true })
    const execArgv = ['--cpu-prof', `--cpu-prof-dir=${dir}`, '--cpu-prof-interval=200']
    const samples = await runVariant(variant, 0, options, { ...context, execArgv })
    const profile = readProfile(dir)
    for (const sample of samples) {
      progress(sample, '[profile]')
      const { byOwner, byFunction, flySession } = profileCosts(profile, sample.window)
      print('main thread by owner (µs/request)', byOwner)
      print(`top ${TOP_FUNCTIONS} functions by self time (µs/request)`, byFunction.slice(0, TOP_FUNCTIONS))
      print(
        'fly-session functions by inclusive time (µs/request, callees included)',
        flySession.slice(0, TOP_FUNCTIONS),
      )
    }
    console.log(`  profile: ${dir}`)
  }
}

import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import type { Profiler } from 'node:inspector'
import { basename, join } from 'node:path'
import { progress, runFramework, type SuiteContext } from '../harness/run-suite'
import type { BenchOptions } from '../options'
import { BENCH_DIR } from '../paths'
import { fixed } from '../report/tables'

/**
 * Who a frame belongs to: a package ("express", "@fly-session/core"), "node internals", the
 * bench's own server code, or a V8 pseudo-frame such as "(garbage collector)".
 */
export function ownerOf(url: string, functionName: string): string {
  if (url === '') return functionName.startsWith('(') ? functionName : 'native'
  if (url.startsWith('node:')) return 'node internals'
  const workspace = /\/packages\/([^/]+)\/dist\//.exec(url)
  if (workspace) return `@fly-session/${workspace[1]}`
  // The innermost node_modules/ in the path names the package, scoped or not.
  const dependency = /.*\/node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)
  if (dependency) return dependency[1]!
  if (url.includes('/apps/bench/dist/')) return 'bench server (routes)'
  return url
}

/**
 * Where one request's main-thread CPU went, over the samples inside the window (each standing
 * for the time until the next): self time by owner and by function, and inclusive time (callees,
 * Node's crypto and the store included) of each fly-session function.
 */
export function profileCosts(
  profile: Profiler.Profile,
  window: { startMicros: number; endMicros: number; requests: number },
) {
  // Times in microseconds on the monotonic clock; each delta from the previous sample (the first: from startTime).
  const { samples = [], timeDeltas = [] } = profile
  const parents = new Map<number, number>()
  for (const node of profile.nodes) for (const child of node.children ?? []) parents.set(child, node.id)
  const frames = new Map<number, { owner: string; name: string }>()
  for (const { id, callFrame: frame } of profile.nodes) {
    const owner = ownerOf(frame.url, frame.functionName)
    const name = frame.url
      ? `${frame.functionName || '(anonymous)'} [${owner} ${basename(frame.url)}:${frame.lineNumber + 1}]`
      : frame.functionName
    frames.set(id, { owner, name })
  }
  const owners = new Map<string, number>()
  const functions = new Map<string, number>()
  const fly = new Map<string, number>()
  const add = (map: Map<string, number>, name: string, micros: number) =>
    map.set(name, (map.get(name) ?? 0) + micros)
  let time = profile.startTime
  for (let index = 0; index < samples.length; index++) {
    time += timeDeltas[index] ?? 0
    const leaf = frames.get(samples[index] ?? -1)
    if (time < window.startMicros || time >= window.endMicros || !leaf) continue
    const micros = timeDeltas[index + 1] ?? 0
    add(owners, leaf.owner, micros)
    add(functions, leaf.name, micros)
    // Each function once per sample, however deep it recurses.
    const ours = new Set<string>()
    for (let id = samples[index]; id !== undefined; id = parents.get(id)) {
      const frame = frames.get(id)
      if (frame?.owner.startsWith('@fly-session/')) ours.add(frame.name)
    }
    for (const name of ours) add(fly, name, micros)
  }
  const ranked = (map: Map<string, number>) =>
    [...map]
      .map(([name, micros]) => ({ name, microsPerRequest: micros / window.requests }))
      .sort((a, b) => b.microsPerRequest - a.microsPerRequest)
  return { byOwner: ranked(owners), byFunction: ranked(functions), flySession: ranked(fly) }
}

/** Functions listed per route. */
const TOP_FUNCTIONS = 25

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
    const samples = await runFramework([variant], 0, options, { ...context, execArgv })
    const file = readdirSync(dir).find((name) => name.endsWith('.cpuprofile'))
    if (!file) throw new Error(`[bench] no .cpuprofile in ${dir} (did the server exit cleanly?)`)
    const profile = JSON.parse(readFileSync(join(dir, file), 'utf8')) as Profiler.Profile
    for (const sample of samples) {
      progress(sample, '[profile]')
      const { byOwner, byFunction, flySession } = profileCosts(profile, sample.window)
      for (const [title, costs] of [
        ['main thread by owner', byOwner],
        [`top ${TOP_FUNCTIONS} functions by self time`, byFunction.slice(0, TOP_FUNCTIONS)],
        ['fly-session functions by inclusive time (callees included)', flySession.slice(0, TOP_FUNCTIONS)],
      ] as const) {
        console.log(`  ${title} (µs/request):`)
        for (const cost of costs)
          console.log(`    ${fixed(cost.microsPerRequest, 2).padStart(7)}  ${cost.name}`)
      }
    }
    console.log(`  profile: ${dir}`)
  }
}

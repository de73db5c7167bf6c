import { readdirSync, readFileSync } from 'node:fs'
import { basename, join } from 'node:path'

/** The parts of a V8 `.cpuprofile` (what `node --cpu-prof` writes) that the summary needs. */
export interface CpuProfile {
  nodes: Array<{
    id: number
    callFrame: { functionName: string; url: string; lineNumber: number }
    children?: number[]
  }>
  /** Microseconds on the monotonic clock. */
  startTime: number
  samples: number[]
  /** Microseconds from the previous sample (the first: from startTime). */
  timeDeltas: number[]
}

/** Time attributed to one function (or package), per request of the window. */
export interface Cost {
  name: string
  microsPerRequest: number
}

/** The one profile a server process wrote into `dir`. */
export function readProfile(dir: string): CpuProfile {
  const file = readdirSync(dir).find((name) => name.endsWith('.cpuprofile'))
  if (!file) throw new Error(`[bench] no .cpuprofile in ${dir} (did the server exit cleanly?)`)
  return JSON.parse(readFileSync(join(dir, file), 'utf8')) as CpuProfile
}

/**
 * Who a frame belongs to: a package ("express", "@fly-session/core"), "node internals", the
 * bench's own server code, or a V8 pseudo-frame such as "(garbage collector)".
 */
export function ownerOf(url: string, functionName: string): string {
  if (url === '') return functionName.startsWith('(') ? functionName : 'native'
  if (url.startsWith('node:')) return 'node internals'
  const workspace = /\/packages\/([^/]+)\/dist\//.exec(url)
  if (workspace) return `@fly-session/${workspace[1]}`
  const modules = url.split('/node_modules/')
  if (modules.length > 1) {
    const segments = (modules.at(-1) ?? '').split('/')
    return segments[0]?.startsWith('@') ? `${segments[0]}/${segments[1]}` : (segments[0] ?? url)
  }
  if (url.includes('/apps/bench/dist/')) return 'bench server (routes)'
  return url
}

type Frame = CpuProfile['nodes'][number]['callFrame']

function frameName(frame: Frame, owner: string): string {
  return frame.url
    ? `${frame.functionName || '(anonymous)'} [${owner} ${basename(frame.url)}:${frame.lineNumber + 1}]`
    : frame.functionName
}

/** Each sample inside the window with the time it stands for (the time until the next sample). */
function* samplesInWindow(
  profile: CpuProfile,
  window: { startMicros: number; endMicros: number },
): Generator<{ nodeId: number; duration: number }> {
  let time = profile.startTime
  for (let index = 0; index < profile.samples.length; index++) {
    time += profile.timeDeltas[index] ?? 0
    if (time < window.startMicros || time >= window.endMicros) continue
    yield { nodeId: profile.samples[index] ?? -1, duration: profile.timeDeltas[index + 1] ?? 0 }
  }
}

function ranked(totals: Map<string, number>, requests: number): Cost[] {
  return [...totals]
    .map(([name, micros]) => ({ name, microsPerRequest: micros / requests }))
    .sort((a, b) => b.microsPerRequest - a.microsPerRequest)
}

/**
 * Self time per function and per owner, for the samples taken inside [start, end) on the
 * profile's clock, divided by `requests`: where one request's main-thread CPU went.
 */
export function costsInWindow(
  profile: CpuProfile,
  window: { startMicros: number; endMicros: number; requests: number },
): { byFunction: Cost[]; byOwner: Cost[] } {
  const frames = new Map(profile.nodes.map((node) => [node.id, node.callFrame]))
  const byFunction = new Map<string, number>()
  const byOwner = new Map<string, number>()
  for (const { nodeId, duration } of samplesInWindow(profile, window)) {
    const frame = frames.get(nodeId)
    if (!frame) continue
    const owner = ownerOf(frame.url, frame.functionName)
    const name = frameName(frame, owner)
    byFunction.set(name, (byFunction.get(name) ?? 0) + duration)
    byOwner.set(owner, (byOwner.get(owner) ?? 0) + duration)
  }
  return { byFunction: ranked(byFunction, window.requests), byOwner: ranked(byOwner, window.requests) }
}

/**
 * Inclusive time (the function and everything it called, Node's crypto and the store
 * included) per request, for the functions whose owner `include` accepts: what each of them
 * really costs a request.
 */
export function inclusiveCostsInWindow(
  profile: CpuProfile,
  window: { startMicros: number; endMicros: number; requests: number },
  include: (owner: string) => boolean,
): Cost[] {
  const parents = new Map<number, number>()
  for (const node of profile.nodes) for (const child of node.children ?? []) parents.set(child, node.id)
  const frames = new Map(profile.nodes.map((node) => [node.id, node.callFrame]))
  const totals = new Map<string, number>()
  for (const { nodeId, duration } of samplesInWindow(profile, window)) {
    // Each function once per sample, however deep it recurses.
    const seen = new Set<string>()
    for (let id: number | undefined = nodeId; id !== undefined; id = parents.get(id)) {
      const frame = frames.get(id)
      if (!frame) break
      const owner = ownerOf(frame.url, frame.functionName)
      if (!include(owner)) continue
      seen.add(frameName(frame, owner))
    }
    for (const name of seen) totals.set(name, (totals.get(name) ?? 0) + duration)
  }
  return ranked(totals, window.requests)
}

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

/** A measured window on the profile's clock, and the requests served in it. */
export interface ProfileWindow {
  startMicros: number
  endMicros: number
  requests: number
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

interface Frame {
  owner: string
  name: string
}

/**
 * Where one request's main-thread CPU went, over the samples inside the window (each standing
 * for the time until the next): self time by owner and by function, and inclusive time (callees,
 * Node's crypto and the store included) of each fly-session function.
 */
export function profileCosts(
  profile: CpuProfile,
  window: ProfileWindow,
): { byOwner: Cost[]; byFunction: Cost[]; flySession: Cost[] } {
  const parents = new Map<number, number>()
  for (const node of profile.nodes) for (const child of node.children ?? []) parents.set(child, node.id)
  const frames = new Map<number, Frame>()
  for (const { id, callFrame: frame } of profile.nodes) {
    const owner = ownerOf(frame.url, frame.functionName)
    const name = frame.url
      ? `${frame.functionName || '(anonymous)'} [${owner} ${basename(frame.url)}:${frame.lineNumber + 1}]`
      : frame.functionName
    frames.set(id, { owner, name })
  }
  const totals = { byOwner: new Map<string, number>(), byFunction: new Map(), flySession: new Map() }
  const add = (map: Map<string, number>, name: string, micros: number) =>
    map.set(name, (map.get(name) ?? 0) + micros)
  let time = profile.startTime
  for (let index = 0; index < profile.samples.length; index++) {
    time += profile.timeDeltas[index] ?? 0
    const leaf = frames.get(profile.samples[index] ?? -1)
    if (time < window.startMicros || time >= window.endMicros || !leaf) continue
    const micros = profile.timeDeltas[index + 1] ?? 0
    add(totals.byOwner, leaf.owner, micros)
    add(totals.byFunction, leaf.name, micros)
    // Each function once per sample, however deep it recurses.
    const ours = new Set<string>()
    for (let id = profile.samples[index]; id !== undefined; id = parents.get(id)) {
      const frame = frames.get(id)
      if (frame?.owner.startsWith('@fly-session/')) ours.add(frame.name)
    }
    for (const name of ours) add(totals.flySession, name, micros)
  }
  const ranked = (map: Map<string, number>) =>
    [...map]
      .map(([name, micros]) => ({ name, microsPerRequest: micros / window.requests }))
      .sort((a, b) => b.microsPerRequest - a.microsPerRequest)
  return {
    byOwner: ranked(totals.byOwner),
    byFunction: ranked(totals.byFunction),
    flySession: ranked(totals.flySession),
  }
}

import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

export type Bump = 'major' | 'minor' | 'patch'

export interface Changeset {
  file: string
  /** Package name → bump type. */
  releases: Record<string, Bump>
  summary: string
}

/** The pending changesets of a `.changeset` directory (every `.md` but its README). */
export function readChangesets(changesetDir: string): Changeset[] {
  return readdirSync(changesetDir)
    .filter((file) => file.endsWith('.md') && file !== 'README.md')
    .map((file) => {
      const text = readFileSync(join(changesetDir, file), 'utf8')
      const match = text.match(/^---\n([\s\S]*?)\n---\n([\s\S]*)$/)
      if (!match) throw new Error(`[release-check] ${file} has no front matter`)
      const releases: Record<string, Bump> = {}
      for (const line of (match[1] ?? '').split('\n')) {
        const entry = line.match(/^\s*["']?([^"':]+)["']?\s*:\s*(major|minor|patch)\s*$/)
        if (entry) releases[entry[1] ?? ''] = entry[2] as Bump
      }
      return { file, releases, summary: (match[2] ?? '').trim() }
    })
}

const ORDER: Bump[] = ['patch', 'minor', 'major']

/** The largest of several bumps. */
export function largestBump(bumps: Bump[]): Bump | undefined {
  return bumps.reduce<Bump | undefined>(
    (largest, bump) =>
      largest === undefined || ORDER.indexOf(bump) > ORDER.indexOf(largest) ? bump : largest,
    undefined,
  )
}

/** `version` raised by `bump`, as changesets does it (no pre-release handling). */
export function bumped(version: string, bump: Bump): string {
  const [major = 0, minor = 0, patch = 0] = version.split('.').map(Number)
  if (bump === 'major') return `${major + 1}.0.0`
  if (bump === 'minor') return `${major}.${minor + 1}.0`
  return `${major}.${minor}.${patch + 1}`
}

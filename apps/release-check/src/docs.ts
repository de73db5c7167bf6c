import { existsSync, readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'

import { repoRoot, trackedFiles } from './workspace'

/** The fenced code blocks (``` only) of a Markdown file. */
export function codeBlocks(markdown: string) {
  return [...markdown.matchAll(/^```(.*)\n([\s\S]*?)^```\s*$/gm)].map((match) => ({
    /** 1-based line of the opening fence. */
    line: markdown.slice(0, match.index).split('\n').length,
    /** Everything after the opening backticks, e.g. `ts title="src/map-store.ts"`. */
    info: (match[1] ?? '').trim(),
    /** The block's text, ending in a newline (as a file on disk does). */
    code: match[2] ?? '',
  }))
}

/** The Markdown files this repository publishes as documentation (READMEs and docs/). */
export function documentationFiles(): string[] {
  return trackedFiles('README.md', ':(glob)*/*/README.md', 'docs/*.md', 'BENCHMARKS.md', 'SECURITY.md')
}

/** Relative links of one Markdown file that point at nothing in the repository. */
export function brokenLinks(file: string): string[] {
  // Inline links and images (`[text](target)`), outside code fences and code spans.
  const prose = readFileSync(join(repoRoot, file), 'utf8')
    .replace(/^```[\s\S]*?^```\s*$/gm, '')
    .replace(/`[^`\n]*`/g, '')
  return [...prose.matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)]
    .map((match) => match[1] ?? '')
    .filter((target) => !/^[a-z][a-z+.-]*:/i.test(target) && !target.startsWith('#'))
    .filter((target) => {
      const path = resolve(repoRoot, dirname(file), decodeURIComponent(target.split('#')[0] ?? ''))
      return !path.startsWith(repoRoot) || !existsSync(path)
    })
}

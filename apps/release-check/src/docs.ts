import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'

import { repoRoot } from './workspace'

/** A fenced code block (``` only) of a Markdown file. */
export interface CodeBlock {
  /** 1-based line of the opening fence. */
  line: number
  /** Everything after the opening backticks, e.g. `ts title="src/map-store.ts"`. */
  info: string
  /** The block's text, ending in a newline (as a file on disk does). */
  code: string
}

export function codeBlocks(markdown: string): CodeBlock[] {
  return [...markdown.matchAll(/^```(.*)\n([\s\S]*?)^```\s*$/gm)].map((match) => ({
    line: markdown.slice(0, match.index).split('\n').length,
    info: (match[1] ?? '').trim(),
    code: match[2] ?? '',
  }))
}

/** Targets of inline links and images (`[text](target)`), outside code fences and code spans. */
function linkTargets(markdown: string): string[] {
  const prose = markdown.replace(/^```[\s\S]*?^```\s*$/gm, '').replace(/`[^`\n]*`/g, '')
  return [...prose.matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)].map((match) => match[1] ?? '')
}

/** The Markdown files this repository publishes as documentation (READMEs and docs/). */
export function documentationFiles(): string[] {
  const files = ['README.md']
  for (const group of ['packages', 'apps', 'examples']) {
    const dir = join(repoRoot, group)
    if (!existsSync(dir)) continue
    for (const entry of readdirSync(dir)) {
      if (existsSync(join(dir, entry, 'README.md'))) files.push(`${group}/${entry}/README.md`)
    }
  }
  const walk = (dir: string) => {
    for (const entry of readdirSync(join(repoRoot, dir))) {
      const path = `${dir}/${entry}`
      if (statSync(join(repoRoot, path)).isDirectory()) walk(path)
      else if (entry.endsWith('.md')) files.push(path)
    }
  }
  if (existsSync(join(repoRoot, 'docs'))) walk('docs')
  for (const root of ['BENCHMARKS.md', 'SECURITY.md']) if (existsSync(join(repoRoot, root))) files.push(root)
  return files
}

/** Relative links of one Markdown file that point at nothing in the repository. */
export function brokenLinks(file: string): string[] {
  const markdown = readFileSync(join(repoRoot, file), 'utf8')
  return linkTargets(markdown)
    .filter((target) => !/^[a-z][a-z+.-]*:/i.test(target) && !target.startsWith('#'))
    .filter((target) => {
      const path = resolve(repoRoot, dirname(file), decodeURIComponent(target.split('#')[0] ?? ''))
      return !path.startsWith(repoRoot) || !existsSync(path)
    })
}

/** A code block that claims to be a file of the repository: ```ts title="path/to/file.ts"``` */
export interface FileBlock {
  line: number
  /** Path relative to the repo root. */
  path: string
  code: string
}

export function fileBlocks(markdown: string): FileBlock[] {
  return codeBlocks(markdown).flatMap((block) => {
    const path = block.info.match(/title="([^"]+)"/)?.[1]
    return path === undefined ? [] : [{ line: block.line, path, code: block.code }]
  })
}

/** Every file of a directory (relative to the repo root), skipping what is installed or built. */
export function sourceFiles(dir: string): string[] {
  const found: string[] = []
  const walk = (path: string) => {
    for (const entry of readdirSync(join(repoRoot, path))) {
      if (['node_modules', 'dist', '.turbo'].includes(entry)) continue
      const child = `${path}/${entry}`
      if (statSync(join(repoRoot, child)).isDirectory()) walk(child)
      else found.push(relative(repoRoot, join(repoRoot, child)))
    }
  }
  walk(dir)
  return found.sort()
}

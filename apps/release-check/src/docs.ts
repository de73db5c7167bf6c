import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'

import { codeBlocks, linkTargets } from './markdown'
import { repoRoot } from './workspace'

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

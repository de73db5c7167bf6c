import { readFileSync } from 'node:fs'
import { join } from 'node:path'

import { describe, expect, it } from 'vitest'

import { docExamples } from '../src/doc-examples'
import { brokenLinks, codeBlocks, documentationFiles } from '../src/docs'
import { publicPackages, repoRoot, trackedFiles } from '../src/workspace'

const read = (path: string) => readFileSync(join(repoRoot, path), 'utf8')

describe('docs/writing-a-store.md', () => {
  const doc = read('docs/writing-a-store.md')
  // The blocks that claim to be a file of the repository: ```ts title="path/to/file.ts"
  const blocks = codeBlocks(doc).flatMap((block) => {
    const path = block.info.match(/title="([^"]+)"/)?.[1]
    return path === undefined ? [] : [{ path, code: block.code }]
  })

  it.each(blocks.map((block) => [block.path, block] as const))(
    'quotes %s exactly as it is in the repository',
    (_path, block) => {
      expect(block.code).toBe(read(block.path))
    },
  )

  it('quotes every file of examples/map-store', () => {
    expect(blocks.map((block) => block.path).sort()).toEqual(trackedFiles('examples/map-store'))
  })
})

describe('migrating from express-session', () => {
  // Pipe tables: runs of lines that start with `|`.
  const guide = read('docs/migrating-from-express-session.md').match(/^(\|.*\n)+/gm) ?? []

  it('is in the Express README too, tables unchanged, so that README alone is enough to switch', () => {
    const readme = read('packages/express/README.md')
    expect(readme).toContain('## Migrating from express-session')
    expect(guide.length).toBeGreaterThanOrEqual(2)
    for (const table of guide) expect(readme).toContain(table)
  })
})

describe.each(publicPackages().map((pkg) => [pkg.manifest.name, pkg] as const))('%s README', (name, pkg) => {
  it('has an install line naming the store and ioredis its first example imports', () => {
    const readme = read(`${pkg.relativeDir}/README.md`)
    const example = codeBlocks(readme).find((block) => /^(ts|typescript)$/.test(block.info))?.code ?? ''
    const install = [...readme.matchAll(/^npm (?:install|i) (.+)$/gm)].map((line) => line[1]).join(' ')
    expect(install).toContain(name)
    expect(example, 'a code example').not.toBe('')
    const imported = example.matchAll(/^import .* from '(@fly-session\/store-[\w-]+|ioredis)[/'"]/gm)
    for (const [, dependency] of imported) expect(install.split(' '), dependency).toContain(dependency)
  })
})

describe('documentation links', () => {
  it.each(documentationFiles())('%s links only to files that exist', (file) => {
    expect(brokenLinks(file)).toEqual([])
  })
})

describe('code examples that connect to Redis', () => {
  it.each(
    docExamples()
      .filter((example) => /new (Redis|Cluster)\(/.test(example.code))
      .map((example) => [`${example.doc}:${example.line}`, example.code] as const),
  )('%s shows the client settings and error listener store-redis recommends', (_where, code) => {
    expect(code).toMatch(/maxRetriesPerRequest: 1/)
    expect(code).toMatch(/commandTimeout: 1000/)
    expect(code).toMatch(/\.on\('error'/)
  })
})

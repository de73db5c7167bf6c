import { readFileSync } from 'node:fs'
import { join } from 'node:path'

import { describe, expect, it } from 'vitest'

import { docExamples } from '../src/doc-examples'
import { brokenLinks, documentationFiles, fileBlocks, sourceFiles } from '../src/docs'
import { tables } from '../src/markdown'
import { repoRoot } from '../src/workspace'

const read = (path: string) => readFileSync(join(repoRoot, path), 'utf8')

describe('docs/writing-a-store.md', () => {
  const doc = read('docs/writing-a-store.md')
  const blocks = fileBlocks(doc)

  it.each(blocks.map((block) => [block.path, block] as const))(
    'quotes %s exactly as it is in the repository',
    (_path, block) => {
      expect(block.code).toBe(read(block.path))
    },
  )

  it('quotes every file of examples/map-store', () => {
    expect(blocks.map((block) => block.path).sort()).toEqual(sourceFiles('examples/map-store'))
  })
})

describe('migrating from express-session', () => {
  const guide = tables(read('docs/migrating-from-express-session.md'))

  it('is in the Express README too, tables unchanged, so that README alone is enough to switch', () => {
    const readme = read('packages/express/README.md')
    expect(readme).toContain('## Migrating from express-session')
    expect(guide.length).toBeGreaterThanOrEqual(2)
    for (const table of guide) expect(readme, `table at line ${table.line}`).toContain(table.text)
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

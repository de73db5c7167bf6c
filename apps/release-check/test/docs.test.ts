import { readFileSync } from 'node:fs'
import { join } from 'node:path'

import { describe, expect, it } from 'vitest'

import { docExampleErrors } from '../src/doc-examples'
import { brokenLinks, documentationFiles, fileBlocks, sourceFiles } from '../src/docs'
import { codeBlocks, tables } from '../src/markdown'
import { repoRoot } from '../src/workspace'

const read = (path: string) => readFileSync(join(repoRoot, path), 'utf8')

describe('root README', () => {
  it('opens with the title, one line of description, then the two commands', () => {
    const lines = read('README.md').split('\n')
    expect(lines[0]).toMatch(/^# \S/)
    expect(lines[1]).toBe('')
    expect(lines[2]).toMatch(/^[A-Z].+\.$/)
    expect(lines[3]).toBe('')
    expect(lines.slice(4, 8)).toEqual([
      '```sh',
      'npm start   # installs pnpm + dependencies, starts the playground at http://localhost:3000 (MemoryStore, no Redis needed)',
      'npm test    # also installs redis-server and chromium (Debian, as root), builds, runs every test',
      '```',
    ])
  })

  it('has no command before those two', () => {
    const [first] = codeBlocks(read('README.md'))
    expect(first?.line).toBe(5)
  })

  it('runs what it says: npm start and npm test go through the bootstrap script', () => {
    const scripts = JSON.parse(read('package.json')).scripts
    expect(scripts.start).toBe('node scripts/bootstrap.mjs start')
    expect(scripts.test).toBe('node scripts/bootstrap.mjs test')
  })
})

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

  it('maps every express-session option and session method the issue names', () => {
    const mapped = guide.flatMap((table) => table.rows.map((row) => row[0] ?? '')).join(' ')
    for (const name of [
      'secret',
      'name',
      'cookie.maxAge',
      'cookie.secure',
      'cookie.sameSite',
      'genid',
      'resave',
      'saveUninitialized',
      'rolling',
      'store',
      'unset',
      'proxy',
      'req.session.regenerate',
      'req.session.destroy',
      'req.session.save',
      'req.session.reload',
      'req.session.touch',
      'req.sessionID',
    ]) {
      expect(mapped, name).toContain(`\`${name}`)
    }
  })

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

describe('code examples in the docs', () => {
  it('typecheck against the packages', async () => {
    const docs = documentationFiles().filter(
      (file) =>
        file === 'README.md' ||
        file === 'packages/core/README.md' ||
        file === 'packages/store-memory/README.md' ||
        (file.startsWith('docs/') && !file.startsWith('docs/bench/')),
    )
    const { checked, errors } = await docExampleErrors(docs)
    expect(errors).toEqual([])
    expect(checked).toBeGreaterThan(3)
  })
})

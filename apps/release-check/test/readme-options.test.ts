import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

import { describe, expect, it } from 'vitest'

import { codeBlocks, tables } from '../src/markdown'
import { documentedInterface, optionColumns, optionsTableProblems } from '../src/options-table'
import { type DocumentedOption, packageOptionDocs } from '../src/tsdoc'
import { publicPackages } from '../src/workspace'

const docsCache = new Map<string, ReturnType<typeof packageOptionDocs>>()
/** One TypeScript program per package, however many tests read it. */
function optionDocs(dir: string) {
  const cached = docsCache.get(dir) ?? packageOptionDocs(dir)
  docsCache.set(dir, cached)
  return cached
}

const withReadme = publicPackages().filter((pkg) => existsSync(join(pkg.dir, 'README.md')))

function optionTablesOf(dir: string) {
  return tables(readFileSync(join(dir, 'README.md'), 'utf8')).filter(
    (table) => optionColumns(table) !== undefined,
  )
}

describe.each(withReadme.map((pkg) => [pkg.manifest.name, pkg] as const))('%s README', (_name, pkg) => {
  const docs = () => optionDocs(pkg.dir)

  // Packages that declare no options of their own (the adapters take core's) may have no table.
  it('documents every options type the package declares, in a table or as nested rows', () => {
    const { interfaces, own } = docs()
    const documented = optionTablesOf(pkg.dir).flatMap(
      (table) => documentedInterface(table, interfaces) ?? [],
    )
    const nested = documented.flatMap((name) =>
      [...(interfaces.get(name)?.values() ?? [])].flatMap((option) => option.nestedType ?? []),
    )
    expect([...own].filter((name) => !documented.includes(name) && !nested.includes(name))).toEqual([])
  })

  it('agrees with the TSDoc in src on every option, default and unit', () => {
    const { interfaces } = docs()
    for (const table of optionTablesOf(pkg.dir)) {
      const name = documentedInterface(table, interfaces)
      const options = name === undefined ? undefined : interfaces.get(name)
      expect(
        options,
        `README line ${table.line}: no exported *Options type has all of its rows`,
      ).toBeDefined()
      expect({ line: table.line, name, problems: optionsTableProblems(table, options ?? new Map()) }).toEqual(
        {
          line: table.line,
          name,
          problems: [],
        },
      )
    }
  })
})

describe('READMEs that must document options', () => {
  it.each([
    ['packages/core', 'SessionOptions'],
    ['packages/store-memory', 'MemoryStoreOptions'],
    ['packages/store-redis', 'RedisStoreOptions'],
  ])('%s documents %s in a table', (dir, expected) => {
    const pkg = publicPackages().find((candidate) => candidate.relativeDir === dir)
    expect(pkg).toBeDefined()
    const readme = readFileSync(join(pkg?.dir ?? '', 'README.md'), 'utf8')
    const { interfaces } = optionDocs(pkg?.dir ?? '')
    const documented = tables(readme)
      .filter((table) => optionColumns(table) !== undefined)
      .map((table) => documentedInterface(table, interfaces))
    expect(documented).toContain(expected)
  })
})

describe('the options-table check itself', () => {
  const option = (path: string, fallback?: string, description = ''): [string, DocumentedOption] => [
    path,
    { path, default: fallback, description, required: false },
  ]
  const documented = new Map([
    option('idleTimeout', '1800', 'Seconds without a refresh.'),
    option('cookie', undefined),
    option('cookie.name', "'sid'"),
    option('cookie.domain', undefined),
  ])
  const table = (rows: string[]) =>
    tables(['| Option | Default | Description |', '|---|---|---|', ...rows].join('\n'))[0]!

  it('accepts a table that matches, nested rows included', () => {
    const good = table([
      '| `idleTimeout` | `1800` (30 min) | Seconds of inactivity. |',
      "| `cookie.name` | `'sid'` | Cookie name. |",
      '| `cookie.domain` | — | Host-only when omitted. |',
    ])
    expect(optionsTableProblems(good, documented)).toEqual([])
  })

  it('reports a wrong default, a missing unit, an unknown row and a missing option', () => {
    const bad = table([
      '| `idleTimeout` | `3600` | Inactivity. |',
      "| `cookie.name` | `'sid'` | Cookie name. |",
      '| `cookie.secure` | `true` | HTTPS only. |',
    ])
    expect(optionsTableProblems(bad, documented)).toEqual([
      'idleTimeout: README says default "`3600`", the TSDoc says @default 1800',
      'idleTimeout: the TSDoc gives the unit (seconds), the README row does not',
      'cookie.secure: in the README, not in the options type',
      'cookie.domain: in the options type, missing from the README',
    ])
  })

  it('reports a default the TSDoc does not have', () => {
    const bad = table(['| `idleTimeout` | 1800 seconds | |', '| `cookie` | `{}` | |'])
    expect(optionsTableProblems(bad, documented)).toEqual([
      'cookie: README says default "`{}`", the TSDoc has no @default',
    ])
  })
})

describe.each(publicPackages().map((pkg) => [pkg.manifest.name, pkg] as const))(
  '%s README basics',
  (name, pkg) => {
    it('has an install line naming the store and ioredis its first example imports', () => {
      const readme = readFileSync(join(pkg.dir, 'README.md'), 'utf8')
      const example = codeBlocks(readme).find((block) => /^(ts|typescript)$/.test(block.info))?.code ?? ''
      const install = [...readme.matchAll(/^npm (?:install|i) (.+)$/gm)].map((line) => line[1]).join(' ')
      expect(install).toContain(name)
      const imported = [
        ...example.matchAll(/^import .* from '(@fly-session\/store-[\w-]+|ioredis)[/'"]/gm),
      ].map((match) => match[1])
      expect(example, 'a code example').not.toBe('')
      for (const dependency of new Set(imported)) expect(install.split(' '), dependency).toContain(dependency)
    })
  },
)

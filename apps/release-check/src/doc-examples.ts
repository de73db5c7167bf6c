import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

import { codeBlocks } from './markdown'
import { run } from './run'
import { repoRoot } from './workspace'

const workDir = join(repoRoot, 'apps/release-check/.test-artifacts/doc-examples')

/** TypeScript blocks of the docs (```ts), except those that quote a repository file by title. */
function examples(doc: string) {
  const markdown = readFileSync(join(repoRoot, doc), 'utf8')
  return codeBlocks(markdown).filter((block) => /^(ts|typescript)$/.test(block.info))
}

/**
 * Typechecks every TypeScript example of `docs` against the workspace packages' sources, each
 * block as its own module. Returns the compiler's errors, pointed back at the doc's own lines.
 */
export async function docExampleErrors(docs: string[]): Promise<{ checked: number; errors: string[] }> {
  rmSync(workDir, { recursive: true, force: true })
  mkdirSync(workDir, { recursive: true })
  const origin = new Map<string, { doc: string; line: number }>()
  for (const doc of docs) {
    for (const block of examples(doc)) {
      const file = `${doc.replace(/[^\w]+/g, '_')}_${block.line}.ts`
      // `export {}` keeps a block without imports a module, so `declare module` augments.
      writeFileSync(join(workDir, file), `${block.code}export {}\n`)
      origin.set(file, { doc, line: block.line })
    }
  }
  writeFileSync(
    join(workDir, 'tsconfig.json'),
    JSON.stringify({ extends: '../../../../tsconfig.base.json', include: ['*.ts'] }),
  )
  const tsc = join(repoRoot, 'apps/release-check/node_modules/.bin/tsc')
  const result = await run(tsc, ['-p', 'tsconfig.json', '--pretty', 'false'], { cwd: workDir })
  const errors = result.stdout
    .split('\n')
    .filter((line) => line.includes('error TS'))
    .map((line) => {
      const match = line.match(/^(.+?)\((\d+),\d+\): (.*)$/)
      const where = match && origin.get(match[1] ?? '')
      return where ? `${where.doc}:${where.line + Number(match?.[2])}: ${match?.[3]}` : line
    })
  if (result.code !== 0 && errors.length === 0) errors.push(`tsc exited ${result.code}: ${result.stderr}`)
  return { checked: origin.size, errors }
}

import { execFile } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'

import { describe, expect, it } from 'vitest'

const run = promisify(execFile)
const root = (path: string) => fileURLToPath(new URL(`../../../${path}`, import.meta.url))
// Inside this app, so the examples' imports resolve through its node_modules as a user's would.
const workDir = fileURLToPath(new URL('../node_modules/.cache/readme-nodenext', import.meta.url))

/**
 * The TypeScript blocks of the new adapters' READMEs, compiled as a user's ESM project would
 * compile them: `module: NodeNext`, no source condition, so every package resolves to its
 * published `dist` types (the build runs before the tests in CI). One program per README: the
 * blocks of one README declare the same `SessionData`.
 */
describe('README examples compile under module NodeNext', () => {
  for (const pkg of ['fastify', 'fetch']) {
    it(`packages/${pkg}/README.md`, { timeout: 60_000 }, async () => {
      for (const entry of ['core', 'store-redis', 'store-memory', pkg]) {
        expect(existsSync(root(`packages/${entry}/dist/index.d.ts`)), `build packages/${entry} first`).toBe(
          true,
        )
      }
      const readme = readFileSync(root(`packages/${pkg}/README.md`), 'utf8')
      const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1]!)
      expect(blocks.length).toBeGreaterThan(0)
      const dir = `${workDir}/${pkg}`
      rmSync(dir, { recursive: true, force: true })
      mkdirSync(dir, { recursive: true })
      for (const [index, code] of blocks.entries())
        writeFileSync(`${dir}/example-${index}.ts`, `${code}export {}\n`)
      writeFileSync(`${dir}/package.json`, '{ "type": "module" }\n')
      const compilerOptions = {
        module: 'NodeNext',
        moduleResolution: 'NodeNext',
        target: 'ES2022',
        lib: ['ES2023'],
        types: ['node'],
        strict: true,
        noEmit: true,
        skipLibCheck: true,
      }
      writeFileSync(`${dir}/tsconfig.json`, JSON.stringify({ compilerOptions, include: ['*.ts'] }))
      const result = await run(root('node_modules/.bin/tsc'), ['-p', dir, '--pretty', 'false']).catch(
        (error: { stdout: string }) => error,
      )
      expect(result.stdout).toBe('')
    })
  }
})

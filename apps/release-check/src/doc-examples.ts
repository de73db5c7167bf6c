import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

import { codeBlocks, documentationFiles } from './docs'
import { run } from './run'
import { repoRoot } from './workspace'

/**
 * Every ```ts block of the docs whose TypeScript a user copies (the root README, every
 * package's, docs/ but the benchmark reports, SECURITY.md), except those that quote a repository file: by title (a test
 * compares those with the file, which its own package typechecks), or by a first line naming
 * the file of a Nuxt or Nitro app (`// server/api/x.ts`: they rely on Nuxt's auto-imports and
 * resolution; apps/nuxt-e2e compares them with its CI apps, which it builds and typechecks).
 */
export function docExamples() {
  const docs = documentationFiles().filter((file) => !/^(apps\/|docs\/bench\/|BENCHMARKS\.md)/.test(file))
  return docs.flatMap((doc) =>
    codeBlocks(readFileSync(join(repoRoot, doc), 'utf8'))
      .filter((block) => /^(ts|typescript)$/.test(block.info) && !/^\/\/ \S+\.ts\n/.test(block.code))
      .map((block) => ({
        doc,
        /** 1-based line of the opening fence. */
        line: block.line,
        /** The file name it gets in the checking project. */
        file: `${doc.replace(/[^\w]+/g, '_')}_${block.line}.ts`,
        code: block.code,
      })),
  )
}

/** One TypeScript block of a doc, as the module a user would paste it into. */
export type DocExample = ReturnType<typeof docExamples>[number]

/**
 * Typechecks `examples` in an installed project (`projectDir`, with its own TypeScript), each
 * block as its own module, under what a user's Node project uses: `module: NodeNext`, strict
 * (the project's `tsconfig.docs.json`, from fixtures/smoke). Emits JavaScript to `doc-examples-js/`, type errors or not, for `docExampleRunFailures`.
 * Returns the compiler's errors, pointed back at the doc's own lines.
 */
export async function docExampleErrors(projectDir: string, examples: DocExample[]): Promise<string[]> {
  mkdirSync(join(projectDir, 'doc-examples'), { recursive: true })
  // `export {}` keeps a block without imports a module, so `declare global` is allowed.
  for (const { file, code } of examples)
    writeFileSync(join(projectDir, 'doc-examples', file), `${code}export {}\n`)
  const { errors } = await typecheck(projectDir, 'tsconfig.docs.json')
  return errors.map((line) => {
    const [, file, row, message] = line.match(/^doc-examples\/(.+?)\((\d+),\d+\): (.*)$/) ?? []
    const where = examples.find((example) => example.file === file)
    return where ? `${where.doc}:${where.line + Number(row)}: ${message}` : line
  })
}

/**
 * `tsc -p <config>` with the installed project's own TypeScript: its exit code and error lines
 * (none when it passes; its stderr when it fails without one).
 */
export async function typecheck(projectDir: string, config: string) {
  const tsc = join(projectDir, 'node_modules/.bin/tsc')
  const { code, stdout, stderr } = await run(tsc, ['-p', config, '--pretty', 'false'], { cwd: projectDir })
  const errors = stdout.split('\n').filter((line) => line.includes('error TS'))
  return { code, errors: code !== 0 && errors.length === 0 ? [`tsc exited ${code}: ${stderr}`] : errors }
}

/**
 * The examples that run to completion on their own: no server that stays up, no connection to
 * open (those are typechecked; the smoke apps run the same calls against a real Redis).
 */
export function runnableExamples(examples: DocExample[]): DocExample[] {
  return examples.filter(
    (example) => !/listen\(|serve\(|new Redis\(|new Cluster\(|createClient\(|Bun\.|Deno\./.test(example.code),
  )
}

/**
 * Runs each of `examples` with plain Node, as a user would after building, from the JavaScript
 * `docExampleErrors` emitted. Returns a line per example that exited non-zero or did not finish
 * within 15 s.
 */
export async function docExampleRunFailures(
  projectDir: string,
  examples: DocExample[],
  env: NodeJS.ProcessEnv,
): Promise<string[]> {
  const failures: string[] = []
  for (const example of examples) {
    const file = join('doc-examples-js', example.file.replace(/\.ts$/, '.js'))
    const result = await run('node', [file], {
      cwd: projectDir,
      env: { ...process.env, ...env },
      timeoutMs: 15_000,
    })
    if (result.code !== 0) {
      const reason = result.stderr.split('\n').find((line) => /Error/.test(line)) ?? result.stderr.trim()
      failures.push(`${example.doc}:${example.line}: exit ${result.code}: ${reason}`)
    }
  }
  return failures
}

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

import { codeBlocks, documentationFiles } from './docs'
import { run } from './run'
import { repoRoot } from './workspace'

/** One TypeScript block of a doc, as the module a user would paste it into. */
export interface DocExample {
  doc: string
  /** 1-based line of the opening fence. */
  line: number
  /** The file name it gets in the checking project. */
  file: string
  code: string
}

/**
 * The guides and READMEs whose TypeScript a user copies: the root README, every package's,
 * docs/ (not the benchmark reports) and SECURITY.md.
 */
export function exampleDocs(): string[] {
  return documentationFiles().filter(
    (file) => !file.startsWith('apps/') && !file.startsWith('docs/bench/') && file !== 'BENCHMARKS.md',
  )
}

/**
 * Every ```ts block of `docs`, except those that quote a repository file: by title (a test
 * compares those with the file, which its own package typechecks), or by a first line naming
 * the file of a Nuxt or Nitro app (`// server/api/x.ts`: they rely on Nuxt's auto-imports and
 * resolution; apps/nuxt-e2e compares them with its CI apps, which it builds and typechecks).
 */
export function docExamples(docs = exampleDocs()): DocExample[] {
  return docs.flatMap((doc) =>
    codeBlocks(readFileSync(join(repoRoot, doc), 'utf8'))
      .filter((block) => /^(ts|typescript)$/.test(block.info) && !/^\/\/ \S+\.ts\n/.test(block.code))
      .map((block) => ({
        doc,
        line: block.line,
        file: `${doc.replace(/[^\w]+/g, '_')}_${block.line}.ts`,
        code: block.code,
      })),
  )
}

/**
 * Writes `examples` into the installed project, each as its own module, with the tsconfig a
 * user's Node project has; it emits JavaScript to `doc-examples-js/`, type errors or not.
 */
function writeDocExamples(projectDir: string, examples: DocExample[]): Map<string, DocExample> {
  const dir = join(projectDir, 'doc-examples')
  mkdirSync(dir, { recursive: true })
  const origin = new Map<string, DocExample>()
  for (const example of examples) {
    // `export {}` keeps a block without imports a module, so `declare global` is allowed.
    writeFileSync(join(dir, example.file), `${example.code}export {}\n`)
    origin.set(`doc-examples/${example.file}`, example)
  }
  const compilerOptions = {
    target: 'ES2022',
    module: 'nodenext',
    moduleResolution: 'nodenext',
    strict: true,
    skipLibCheck: true,
    outDir: 'doc-examples-js',
    rootDir: 'doc-examples',
    types: ['node'],
  }
  writeFileSync(
    join(projectDir, 'tsconfig.docs.json'),
    JSON.stringify({ compilerOptions, include: ['doc-examples/*.ts'] }),
  )
  return origin
}

/**
 * Typechecks `examples` in an installed project (`projectDir`, with its own TypeScript), each
 * block as its own module, under what a user's Node project uses: `module: NodeNext`, strict.
 * Returns the compiler's errors, pointed back at the doc's own lines.
 */
export async function docExampleErrors(projectDir: string, examples: DocExample[]): Promise<string[]> {
  const origin = writeDocExamples(projectDir, examples)
  const { errors } = await typecheck(projectDir, 'tsconfig.docs.json')
  return errors.map((line) => {
    const match = line.match(/^(.+?)\((\d+),\d+\): (.*)$/)
    const where = match && origin.get(match[1] ?? '')
    return where ? `${where.doc}:${where.line + Number(match?.[2])}: ${match?.[3]}` : line
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
 * Compiles `examples` to JavaScript in the installed project and runs each with plain Node, as
 * a user would after building. Returns a line per example that exited non-zero or did not
 * finish within 15 s.
 */
export async function docExampleRunFailures(
  projectDir: string,
  examples: DocExample[],
  env: NodeJS.ProcessEnv,
): Promise<string[]> {
  // Type errors do not stop the emit: the typecheck test reports those.
  await docExampleErrors(projectDir, examples)
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

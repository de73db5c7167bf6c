#!/usr/bin/env node
// A bounded, scripted mutation pass over packages/core/src: applies one-line mutations one at a
// time, runs the core test project against each, restores the file, and prints the survivors
// (mutations no test noticed). Deterministic: the same seed picks the same mutations.
//   node scripts/mutate-core.mjs [count=30] [seed=1]
// Plain Node. Restores every file even when interrupted (SIGINT/SIGTERM).
import { spawnSync } from 'node:child_process'
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join, relative } from 'node:path'

const root = new URL('..', import.meta.url).pathname
const srcDir = join(root, 'packages/core/src')
const count = Number(process.argv[2] ?? 30)
const seed = Number(process.argv[3] ?? 1)
const RUN_LIMIT_MS = 120_000

/** One-line rewrites; each applies to the first match on a line. */
const operators = [
  ['===', '!=='],
  ['!==', '==='],
  [' && ', ' || '],
  [' || ', ' && '],
  [' <= ', ' < '],
  [' >= ', ' > '],
  [' < ', ' <= '],
  [' > ', ' >= '],
  [' + 1', ' - 1'],
  [' - 1', ' + 1'],
  ['true', 'false'],
  ['false', 'true'],
  [' ?? ', ' || '],
]

function files(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return entry.name === 'testing' ? [] : files(path)
    return entry.name.endsWith('.ts') ? [path] : []
  })
}

/** Every candidate: a rewrite of one code line, or deleting a statement line. */
function candidates() {
  const found = []
  for (const file of files(srcDir)) {
    const lines = readFileSync(file, 'utf8').split('\n')
    lines.forEach((line, index) => {
      const code = line.trim()
      if (code === '' || /^(\/\/|\*|\/\*|import |export \{|export type|type |interface )/.test(code)) return
      for (const [from, to] of operators) {
        if (line.includes(from))
          found.push({ file, index, line: line.replace(from, to), what: `${from.trim()} -> ${to.trim()}` })
      }
      // A statement on its own line: a call or an assignment, not a declaration or a return.
      if (
        /^(this\.|[\w.#]+\(|[\w.#[\]]+ (=|\+=|-=) )/.test(code) &&
        /[);\w\]]$/.test(code) &&
        !code.endsWith('(')
      ) {
        found.push({ file, index, line: '', what: 'delete the statement' })
      }
    })
  }
  return found
}

/** Mulberry32: a small seeded generator, so a pass can be repeated exactly. */
function random(state) {
  return () => {
    state = (state + 0x6d2b79f5) | 0
    let t = Math.imul(state ^ (state >>> 15), 1 | state)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const all = candidates()
const next = random(seed)
const picked = []
while (picked.length < Math.min(count, all.length)) {
  const candidate = all[Math.floor(next() * all.length)]
  if (!picked.includes(candidate)) picked.push(candidate)
}

let original
let current
const restore = () => current && writeFileSync(current, original)
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    restore()
    process.exit(130)
  })
}

const survivors = []
const started = Date.now()
for (const [n, mutation] of picked.entries()) {
  current = mutation.file
  original = readFileSync(mutation.file, 'utf8')
  const lines = original.split('\n')
  lines[mutation.index] = mutation.line
  writeFileSync(mutation.file, lines.join('\n'))
  const result = spawnSync(
    'pnpm',
    ['vitest', 'run', '--project', 'core', '--bail', '1', '--reporter', 'dot'],
    {
      cwd: root,
      stdio: 'ignore',
      timeout: RUN_LIMIT_MS,
      env: { ...process.env, CI: 'true' },
    },
  )
  restore()
  current = undefined
  const where = `${relative(root, mutation.file)}:${mutation.index + 1}`
  const killed = result.status !== 0
  console.log(`${n + 1}/${picked.length} ${killed ? 'killed  ' : 'SURVIVED'} ${where} ${mutation.what}`)
  if (!killed) survivors.push(`${where} ${mutation.what}: ${original.split('\n')[mutation.index].trim()}`)
}
console.log(
  `\n${picked.length - survivors.length}/${picked.length} killed in ${Math.round((Date.now() - started) / 1000)} s (of ${all.length} candidates, seed ${seed})`,
)
for (const survivor of survivors) console.log(`survivor: ${survivor}`)

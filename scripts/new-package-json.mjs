// One-off generator kept for new packages: every published package has the same package.json shape.
// Usage: node scripts/new-package-json.mjs <dir> <name> <description> [subpath ...]
import { writeFileSync } from 'node:fs'

const [dir, name, description, ...subpaths] = process.argv.slice(2)
const entry = (sub) => {
  const base = sub === 'index' ? 'index' : sub
  const src = sub === 'index' ? './src/index.ts' : `./src/${sub}/index.ts`
  return {
    '@fly-session/source': src,
    import: { types: `./dist/${base}.d.ts`, default: `./dist/${base}.js` },
    require: { types: `./dist/${base}.d.cts`, default: `./dist/${base}.cjs` },
  }
}
const exports = { '.': entry('index') }
for (const sub of subpaths) exports[`./${sub}`] = entry(sub)
exports['./package.json'] = './package.json'
const pkg = {
  name,
  version: '0.0.0',
  description,
  license: 'MIT',
  type: 'module',
  sideEffects: false,
  engines: { node: '>=20' },
  repository: { type: 'git', url: 'git+https://github.com/fly-session/fly-session.git', directory: dir },
  files: ['dist', 'src', '!src/**/*.test.ts'],
  main: './dist/index.cjs',
  module: './dist/index.js',
  types: './dist/index.d.cts',
  exports,
  publishConfig: { access: 'public' },
  scripts: {
    build: 'tsup',
    typecheck: 'tsc -p tsconfig.json',
    test: 'vitest run',
    'check:package': 'publint --strict && attw --pack . --profile node16',
  },
}
writeFileSync(`${dir}/package.json`, `${JSON.stringify(pkg, null, 2)}\n`)

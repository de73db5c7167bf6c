import { spawnSync } from 'node:child_process'
import { existsSync, lstatSync, readdirSync, readFileSync, realpathSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

import { appEnv } from './env'

/** Which h3 an installed app holds, and where. */
export interface H3Report {
  /** What `require('h3/package.json')` gives from the app's root; `undefined` when nothing resolves (pnpm). */
  root: string | undefined
  /** Every distinct h3 version installed anywhere in the app's node_modules. */
  installed: string[]
  /** What `@fly-session/h3` itself resolves `h3` to (its optional peer), if anything. */
  adapter: string | undefined
  /** What the framework resolves `h3` to (nitropack under Nuxt 4, nitro 3). */
  framework: string | undefined
  /**
   * The h3 versions the production build ships in `.output/server/node_modules` (empty when the
   * bundler inlined h3 into the server, as Nuxt does: then it is the one installed h3).
   */
  built: string[]
}

function versionOf(packageJson: string): { name: string; version: string } {
  return JSON.parse(readFileSync(packageJson, 'utf8')) as { name: string; version: string }
}

function resolveFrom(dir: string, specifier: string): string | undefined {
  try {
    return (createRequire(join(dir, 'package.json'))(`${specifier}/package.json`) as { version: string })
      .version
  } catch {
    return undefined
  }
}

/** Package directories of one node_modules directory (scopes opened, symlinks not followed). */
function packageDirs(nodeModules: string): string[] {
  const dirs: string[] = []
  for (const entry of readdirSync(nodeModules)) {
    const path = join(nodeModules, entry)
    if (entry === '.pnpm') {
      // pnpm's store: `.pnpm/<id>/node_modules/<name>`, the real directories behind the links.
      for (const id of readdirSync(path)) {
        const inner = join(path, id, 'node_modules')
        if (existsSync(inner)) dirs.push(...packageDirs(inner))
      }
    } else if (entry.startsWith('@')) {
      for (const scoped of readdirSync(path)) dirs.push(join(path, scoped))
    } else if (!entry.startsWith('.')) {
      dirs.push(path)
    }
  }
  return dirs.filter((dir) => !lstatSync(dir).isSymbolicLink())
}

/** Every h3 version under `nodeModules`, nested ones included. The walk is bounded by the tree on disk. */
function h3VersionsUnder(nodeModules: string, found = new Set<string>()): Set<string> {
  if (!existsSync(nodeModules)) return found
  for (const dir of packageDirs(nodeModules)) {
    const manifest = join(dir, 'package.json')
    if (existsSync(manifest)) {
      const { name, version } = versionOf(manifest)
      if (name === 'h3') found.add(version)
    }
    h3VersionsUnder(join(dir, 'node_modules'), found)
  }
  return found
}

/** `node -p "require('h3/package.json').version"` run in the app's directory, as a user would check. */
function rootH3(appDir: string): string | undefined {
  const result = spawnSync('node', ['-p', "require('h3/package.json').version"], {
    cwd: appDir,
    env: appEnv(),
    encoding: 'utf8',
  })
  return result.status === 0 ? result.stdout.trim() : undefined
}

/** The real directory of package `name` as Node would find it from `fromDir` (no `exports` involved). */
function packageDir(fromDir: string, name: string): string | undefined {
  for (let dir = fromDir; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name)
    if (existsSync(join(candidate, 'package.json'))) return realpathSync(candidate)
    if (dirname(dir) === dir) return undefined
  }
}

/** Follows a chain of dependencies from the app (`nuxt` → `@nuxt/nitro-server` → `nitropack`), each from the last. */
function dependencyDir(appDir: string, chain: string[]): string | undefined {
  let dir: string | undefined = appDir
  for (const name of chain) dir = dir === undefined ? undefined : packageDir(dir, name)
  return dir
}

/** Reports which h3 versions an app installed and which one each party resolves. */
export function reportH3(appDir: string, frameworkChain: string[]): H3Report {
  const frameworkDir = dependencyDir(appDir, frameworkChain)
  // The adapter as the app's own code reaches it: directly (npm hoists it), else through the module.
  const adapterDir =
    packageDir(appDir, '@fly-session/h3') ?? dependencyDir(appDir, ['@fly-session/nuxt', '@fly-session/h3'])
  return {
    root: rootH3(appDir),
    installed: [...h3VersionsUnder(join(appDir, 'node_modules'))].sort(),
    adapter: adapterDir === undefined ? undefined : resolveFrom(adapterDir, 'h3'),
    framework: frameworkDir === undefined ? undefined : resolveFrom(frameworkDir, 'h3'),
    built: [...h3VersionsUnder(join(appDir, '.output/server/node_modules'))].sort(),
  }
}

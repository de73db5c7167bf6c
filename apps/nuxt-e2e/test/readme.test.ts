import { existsSync, readFileSync } from 'node:fs'

import { describe, expect, it } from 'vitest'

const root = new URL('../../../', import.meta.url)
const fixtures = ['nuxt-app', 'nitro-app'] as const

/**
 * The fenced blocks of a Markdown file that open with the file they are (`// server/api/x.ts`,
 * or `<!-- app/pages/x.vue -->` for Vue), by that path.
 */
function quotedFiles(markdown: string): Map<string, string> {
  const quoted = new Map<string, string>()
  for (const [, code = ''] of markdown.matchAll(/```(?:ts|vue)\n([\s\S]*?)```/g)) {
    const path = /^(?:\/\/|<!--) (\S+\.(?:ts|vue))(?: -->)?\n/.exec(code)?.[1]
    if (path !== undefined) quoted.set(path, code)
  }
  return quoted
}

/** The CI app that has this file; a README may quote only files a CI app runs. */
function fixtureFile(path: string): string | undefined {
  const found = fixtures
    .map((fixture) => new URL(`apps/nuxt-e2e/fixtures/${fixture}/${path}`, root))
    .filter((url) => existsSync(url))
  return found.length === 1 ? readFileSync(found[0]!, 'utf8') : undefined
}

describe.each([
  [
    'packages/nuxt/README.md',
    [
      'nuxt.config.ts',
      'server/api/visit.post.ts',
      'server/api/sign-in.post.ts',
      'server/api/sign-out.post.ts',
      'server/session-data.d.ts',
      'app/pages/visit.vue',
      'server/api/visit-in-process.post.ts',
      'server/api/sessions.get.ts',
    ],
  ],
  [
    'packages/h3/README.md',
    ['nuxt.config.ts', 'server/api/visit.post.ts', 'middleware/session.ts', 'routes/api/sign-in.post.ts'],
  ],
])('%s', (readme, required) => {
  const quoted = quotedFiles(readFileSync(new URL(readme, root), 'utf8'))

  it('quotes the set-up files the CI apps build', () => {
    expect(required.filter((path) => !quoted.has(path))).toEqual([])
  })

  it('quotes each file exactly as the CI app holds it', () => {
    for (const [path, code] of quoted) expect(code, path).toBe(fixtureFile(path))
  })
})

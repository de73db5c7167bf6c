import { readFileSync } from 'node:fs'

import { checkPackage, createPackageFromTarballData } from '@arethetypeswrong/core'
import { publint } from 'publint'
import { formatMessage } from 'publint/utils'

/**
 * `publint --strict` on the tarball itself (the exact files a publish ships). Strict turns
 * warnings into errors; like the CLI, suggestions are not failures.
 */
export async function publintErrors(tarball: string): Promise<string[]> {
  const bytes = readFileSync(tarball)
  const data = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer
  const { messages, pkg } = await publint({ pack: { tarball: data }, strict: true, level: 'warning' })
  return messages
    .filter((message) => message.type === 'error')
    .map((message) => `${message.code}: ${formatMessage(message, pkg) ?? message.path.join('.')}`)
}

/**
 * `attw --pack --profile node16`: every entry point's types resolve, and match the JavaScript,
 * under node16 from ESM and from CJS and under bundler resolution. The profile ignores only
 * node10 (no `exports` support). Unlike the CLI, a package with no types at all is a failure.
 */
export async function attwProblems(tarball: string): Promise<string[]> {
  const analysis = await checkPackage(createPackageFromTarballData(new Uint8Array(readFileSync(tarball))))
  if (analysis.types === false) return ['the package ships no types']
  return analysis.problems
    .filter((problem) => !('resolutionKind' in problem) || problem.resolutionKind !== 'node10')
    .map((problem) => {
      const where = 'entrypoint' in problem ? ` at ${problem.entrypoint} (${problem.resolutionKind})` : ''
      return `${problem.kind}${where}`
    })
}

import { type MarkdownTable, plainText } from './markdown'
import type { DocumentedOption } from './tsdoc'

/** A table is an options table when it has an option-name column and a default column. */
export function optionColumns(table: MarkdownTable): { name: number; default: number } | undefined {
  const name = table.header.findIndex((cell) => /^(option|options|name)$/i.test(plainText(cell)))
  const fallback = table.header.findIndex((cell) => /^default$/i.test(plainText(cell)))
  return name >= 0 && fallback >= 0 ? { name, default: fallback } : undefined
}

/** The option path a row documents: its first code span (`cookie.name`), else the cell's text. */
function rowPath(cell: string): string {
  return (cell.match(/`([^`]+)`/)?.[1] ?? cell).trim()
}

/** Units a description can state; a README row must state the same ones. */
const UNITS = ['second', 'millisecond', 'byte'] as const

function unitsIn(text: string): string[] {
  return UNITS.filter((unit) => new RegExp(`\\b${unit}s?\\b`, 'i').test(text))
}

/** Backticks, quotes and digit separators (`100_000`, `100,000`) do not make a default differ. */
function normalize(value: string): string {
  return plainText(value)
    .replace(/['"]/g, '')
    .replace(/(\d)[_, ](?=\d{3}\b)/g, '$1')
    .replace(/\s+/g, ' ')
    .trim()
}

/** What a README may write for an option that has no default. */
const NO_DEFAULT = /^(—|–|-|none\b|omitted\b|unset\b|undefined\b|required\b|\(required\))/i

function defaultProblem(path: string, cell: string, documented: DocumentedOption): string | undefined {
  const written = normalize(cell)
  if (documented.default === undefined) {
    return written === '' || NO_DEFAULT.test(written)
      ? undefined
      : `${path}: README says default "${cell}", the TSDoc has no @default`
  }
  // The TSDoc value's first token must lead the cell; the rest (e.g. "(256 KiB)") is prose.
  const expected = normalize(documented.default).split(/[\s(]/)[0] ?? ''
  return written === expected || written.startsWith(`${expected} `) || written.startsWith(`${expected}(`)
    ? undefined
    : `${path}: README says default "${cell}", the TSDoc says @default ${documented.default}`
}

/** Which of the package's options interfaces a table documents: named by a comment, or the one that has every row. */
export function documentedInterface(
  table: MarkdownTable,
  interfaces: Map<string, Map<string, DocumentedOption>>,
): string | undefined {
  const named = table.comment?.match(/^options:\s*(\w+)$/)?.[1]
  if (named !== undefined) return named
  const columns = optionColumns(table)
  if (columns === undefined) return undefined
  const paths = table.rows.map((row) => rowPath(row[columns.name] ?? ''))
  const candidates = [...interfaces].filter(([, options]) => paths.every((path) => options.has(path)))
  // Several may fit (an interface that extends another): the smallest is the one documented.
  candidates.sort(([, a], [, b]) => a.size - b.size)
  return candidates[0]?.[0]
}

/**
 * Differences between an options table and the TSDoc: rows for options that do not exist,
 * options with no row, defaults that disagree, units the TSDoc states and the row does not.
 * An option documented by nested rows (`cookie.name`) must have a row for each nested option;
 * one row (`cookie`) may stand for the whole object instead.
 */
export function optionsTableProblems(table: MarkdownTable, options: Map<string, DocumentedOption>): string[] {
  const columns = optionColumns(table)
  if (columns === undefined) return ['not an options table (needs an Option and a Default column)']
  const problems: string[] = []
  const rows = new Map(table.rows.map((row) => [rowPath(row[columns.name] ?? ''), row]))
  for (const [path, row] of rows) {
    const documented = options.get(path)
    if (documented === undefined) {
      problems.push(`${path}: in the README, not in the options type`)
      continue
    }
    const problem = defaultProblem(path, row[columns.default] ?? '', documented)
    if (problem) problems.push(problem)
    const rowText = row.join(' ')
    for (const unit of unitsIn(`${documented.description} ${documented.default ?? ''}`)) {
      if (unitsIn(rowText).includes(unit) === false)
        problems.push(`${path}: the TSDoc gives the unit (${unit}s), the README row does not`)
    }
  }
  const nestedParents = new Set(
    [...rows.keys()].filter((path) => path.includes('.')).map((path) => path.split('.')[0]),
  )
  for (const path of options.keys()) {
    const parent = path.includes('.') ? path.split('.')[0] : undefined
    const covered = rows.has(path) || (parent !== undefined && !nestedParents.has(parent))
    const coveredByChildren = parent === undefined && nestedParents.has(path)
    if (!covered && !coveredByChildren) problems.push(`${path}: in the options type, missing from the README`)
  }
  return problems
}

/** Just enough Markdown reading for the docs checks: tables, fenced code blocks, links. */

export interface MarkdownTable {
  /** 1-based line of the header row. */
  line: number
  header: string[]
  rows: string[][]
  /** The `<!-- ... -->` comment on the line right above the table, if any (without the markers). */
  comment: string | undefined
  /** The table's source lines, header to last row. */
  text: string
}

export interface CodeBlock {
  /** 1-based line of the opening fence. */
  line: number
  /** Everything after the opening backticks, e.g. `ts file=src/map-store.ts`. */
  info: string
  /** The block's text, ending in a newline (as a file on disk does). */
  code: string
}

function cells(line: string): string[] {
  // Split on pipes that are not escaped (`\|` appears inside type unions in cells).
  return line
    .trim()
    .replace(/^\||\|$/g, '')
    .split(/(?<!\\)\|/)
    .map((cell) => cell.trim().replace(/\\\|/g, '|'))
}

const isSeparator = (line: string) => /^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$/.test(line)

/** Pipe tables outside code fences. */
export function tables(markdown: string): MarkdownTable[] {
  const lines = markdown.split('\n')
  const found: MarkdownTable[] = []
  let inFence = false
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index] ?? ''
    if (/^\s*```/.test(line)) inFence = !inFence
    if (inFence || !line.trim().startsWith('|') || !isSeparator(lines[index + 1] ?? '')) continue
    const rows: string[][] = []
    let next = index + 2
    while ((lines[next] ?? '').trim().startsWith('|')) rows.push(cells(lines[next++] ?? ''))
    const above = (lines[index - 1] ?? '').trim().match(/^<!--\s*(.*?)\s*-->$/)
    const text = lines.slice(index, next).join('\n')
    found.push({ line: index + 1, header: cells(line), rows, comment: above?.[1], text })
    index = next - 1
  }
  return found
}

/** Fenced code blocks (``` only), in order. */
export function codeBlocks(markdown: string): CodeBlock[] {
  const lines = markdown.split('\n')
  const found: CodeBlock[] = []
  for (let index = 0; index < lines.length; index++) {
    const open = (lines[index] ?? '').match(/^```(.*)$/)
    if (!open) continue
    const start = index
    const body: string[] = []
    while (++index < lines.length && !/^```\s*$/.test(lines[index] ?? '')) body.push(lines[index] ?? '')
    found.push({ line: start + 1, info: (open[1] ?? '').trim(), code: `${body.join('\n')}\n` })
  }
  return found
}

/** Targets of inline links and images (`[text](target)`), outside code fences and code spans. */
export function linkTargets(markdown: string): string[] {
  const prose = markdown.replace(/^```[\s\S]*?^```\s*$/gm, '').replace(/`[^`\n]*`/g, '')
  return [...prose.matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)].map((match) => match[1] ?? '')
}

/** A cell's text without Markdown code spans' backticks. */
export function plainText(cell: string): string {
  return cell.replace(/`/g, '').trim()
}

import { median } from '../results/stats'
import type { Row } from '../results/summarize'
import { FRAMEWORK_NAMES, labelOf, type Variant } from '../variants'
import { fixed } from './format'

/** Bar colours per library: [read route, modify route]. */
const COLOURS: Record<Variant['library'], [string, string]> = {
  raw: ['#80868b', '#c4c7c5'],
  'fly-session': ['#1a73e8', '#8ab4f8'],
  'fly-session compat': ['#1a73e8', '#8ab4f8'],
  'express-session': ['#e8710a', '#fcc48d'],
  'koa-session': ['#e8710a', '#fcc48d'],
  'h3 useSession': ['#e8710a', '#fcc48d'],
  '@fastify/session': ['#e8710a', '#fcc48d'],
  'hono-sessions': ['#e8710a', '#fcc48d'],
}

const WIDTH = 900
const LABEL_WIDTH = 300
const BAR_AREA = WIDTH - LABEL_WIDTH - 80
const BAR_HEIGHT = 12
const ROW_HEIGHT = 2 * BAR_HEIGHT + 10
const HEADER = 56
const GROUP_GAP = 22

/** Bars longer than this many times the median are drawn broken. */
const OUTLIER_FACTOR = 5

/** Two white slashes across a bar: "this bar is cut short". */
function breakMark(x: number, y: number): string {
  const slash = (dx: number) =>
    `<line x1="${(x + dx).toFixed(1)}" y1="${y + BAR_HEIGHT + 1}" x2="${(x + dx + 5).toFixed(1)}" y2="${y - 1}" stroke="#ffffff" stroke-width="2"/>`
  return slash(0) + slash(5)
}

/** Colour key, top right: which library a bar colour stands for. */
function legend(): string[] {
  const entries: Array<[string, string]> = [
    ['raw', COLOURS.raw[0]],
    ['fly-session', COLOURS['fly-session'][0]],
    ['other libraries', COLOURS['express-session'][0]],
  ]
  return entries.map(([label, colour], index) => {
    const x = WIDTH - 330 + index * 105
    return `<rect x="${x}" y="10" width="10" height="10" fill="${colour}"/><text x="${x + 14}" y="19">${label}</text>`
  })
}

function escapeXml(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;')
}

/**
 * A horizontal bar chart of server CPU per request, by variant, grouped by framework: the dark
 * bar is the read route, the light one the modify route. Plain SVG, no chart library.
 */
export function cpuChart(rows: readonly Row[], subtitle: string): string {
  const variants = [...new Map(rows.map((row) => [row.variant.id, row.variant])).values()]
  const cpuOf = (variant: Variant, route: Row['route']) =>
    rows.find((row) => row.variant.id === variant.id && row.route === route)?.cpuMicrosPerRequest ?? 0
  const values = rows.map((row) => row.cpuMicrosPerRequest)
  // An outlier (h3 v2's useSession costs milliseconds) would flatten every other bar: the axis
  // stops at a few times the median and longer bars are drawn broken, with their true value.
  const axisMax = Math.max(1, Math.min(Math.max(...values), OUTLIER_FACTOR * median(values)))
  const scale = BAR_AREA / axisMax

  const parts: string[] = []
  let y = HEADER
  let framework: string | undefined
  for (const variant of variants) {
    if (variant.framework !== framework) {
      if (framework !== undefined) y += GROUP_GAP
      framework = variant.framework
      parts.push(
        `<text x="12" y="${y + 4}" font-weight="bold">${escapeXml(FRAMEWORK_NAMES[variant.framework])}</text>`,
      )
      y += 12
    }
    parts.push(
      `<text x="${LABEL_WIDTH - 8}" y="${y + BAR_HEIGHT + 4}" text-anchor="end">${escapeXml(labelOf(variant))}</text>`,
    )
    const [readColour, modifyColour] = COLOURS[variant.library]
    for (const [index, route] of (['read', 'increment'] as const).entries()) {
      const value = cpuOf(variant, route)
      const barY = y + index * (BAR_HEIGHT + 2)
      const broken = value > axisMax
      const width = broken ? BAR_AREA : Math.max(1, value * scale)
      parts.push(
        `<rect x="${LABEL_WIDTH}" y="${barY}" width="${width.toFixed(1)}" height="${BAR_HEIGHT}" fill="${index === 0 ? readColour : modifyColour}"/>`,
        `<text x="${(LABEL_WIDTH + width + 4).toFixed(1)}" y="${barY + BAR_HEIGHT - 2}" font-size="10">${fixed(value, 1)}</text>`,
      )
      if (broken) parts.push(breakMark(LABEL_WIDTH + BAR_AREA * 0.85, barY))
    }
    y += ROW_HEIGHT
  }
  const height = y + 10
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="system-ui, sans-serif" font-size="12">`,
    `<rect width="${WIDTH}" height="${height}" fill="#ffffff"/>`,
    `<text x="12" y="20" font-size="15" font-weight="bold">Server CPU per request (µs, median; lower is better)</text>`,
    `<text x="12" y="38" fill="#5f6368">${escapeXml(subtitle)}</text>`,
    ...legend(),
    ...parts,
    '</svg>',
    '',
  ].join('\n')
}

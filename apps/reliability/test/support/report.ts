/**
 * Prints one figure for the closing note. Figures are printed, not asserted, where they
 * describe rather than decide (counts of cases run, the peer's lost updates).
 */
export function report(suite: string, figures: Record<string, unknown>): void {
  const text = Object.entries(figures)
    .map(([name, value]) => `${name}=${typeof value === 'object' ? JSON.stringify(value) : String(value)}`)
    .join(' ')
  console.log(`[reliability:${suite}] ${text}`)
}

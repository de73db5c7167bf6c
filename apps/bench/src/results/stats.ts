/** The median of a non-empty list (the mean of the middle two for an even count). */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('[bench] median of no values')
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
}

/** Relative spread of a list, (max - min) / median: how much the repetitions disagree. */
export function spread(values: readonly number[]): number {
  const mid = median(values)
  return mid === 0 ? 0 : (Math.max(...values) - Math.min(...values)) / mid
}

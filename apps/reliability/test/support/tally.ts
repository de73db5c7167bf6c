/** How many of `items` fall under each key. */
export function tally<T>(items: Iterable<T>, keyOf: (item: T) => string | number): Record<string, number> {
  const counts: Record<string, number> = {}
  for (const item of items) {
    const key = String(keyOf(item))
    counts[key] = (counts[key] ?? 0) + 1
  }
  return counts
}

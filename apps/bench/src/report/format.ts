/** Number formatting shared by the report's tables and chart. */

/** 12345.6 -> "12,346" */
export function integer(value: number): string {
  return Number.isFinite(value) ? Math.round(value).toLocaleString('en-US') : 'n/a'
}

/** Fixed decimals, or "n/a" for a missing figure. */
export function fixed(value: number, digits: number): string {
  return Number.isFinite(value) ? value.toFixed(digits) : 'n/a'
}

/** A signed figure: "+12.3", "-0.4". */
export function signed(value: number, digits: number): string {
  if (!Number.isFinite(value)) return 'n/a'
  return `${value >= 0 ? '+' : ''}${value.toFixed(digits)}`
}

/** Bytes as MiB with one decimal. */
export function mebibytes(bytes: number): string {
  return (bytes / 2 ** 20).toFixed(1)
}

/** A percentage with no decimals: 0.123 -> "12%". */
export function percent(fraction: number): string {
  return `${Math.round(fraction * 100)}%`
}

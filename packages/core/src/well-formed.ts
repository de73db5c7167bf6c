/**
 * True when `text` has no lone surrogate. `String.prototype.isWellFormed` is in every Node the
 * packages support (20+), but not in the ES2023 library the packages compile against.
 */
export function isWellFormed(text: string): boolean {
  return (text as unknown as { isWellFormed(): boolean }).isWellFormed()
}

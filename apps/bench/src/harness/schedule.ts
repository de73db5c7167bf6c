/**
 * The order of one pass: forward on even passes, reversed on odd ones (A B C, C B A, A B C ...),
 * so drift in the machine's load (other work, thermal state) spreads over all variants instead
 * of always favouring the first.
 */
export function passOrder<T>(items: readonly T[], pass: number): T[] {
  return pass % 2 === 0 ? [...items] : [...items].reverse()
}

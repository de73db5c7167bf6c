import { median } from './summarize'

/** Resamples drawn: enough that the 5th and 95th percentiles move by well under 0.01×. */
const RESAMPLES = 4_000
/** Fewer rounds than this in common, and no interval is given: resampling two values says nothing. */
const MIN_ROUNDS = 3

/**
 * A seeded generator (mulberry32) of floats in [0, 1): the same run renders the same interval
 * every time, so a re-rendered report does not change by itself.
 */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let mixed = Math.imul(state ^ (state >>> 15), 1 | state)
    mixed = (mixed + Math.imul(mixed ^ (mixed >>> 7), 61 | mixed)) ^ mixed
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 2 ** 32
  }
}

/**
 * How far a ratio of two paired medians (median of `numerator` over median of `denominator`,
 * each a figure per round) could move if the run were repeated: a bootstrap over the rounds both
 * have, each resample drawing that many rounds with replacement and taking both medians from the
 * same rounds (so the pairing within a round is kept). Returns the central `confidence` share of
 * the resampled ratios as `[low, high]`, or `undefined` with fewer than three rounds in common.
 * A resample whose denominator median is not above zero gives no ratio and is skipped.
 */
export function ratioInterval(
  numerator: ReadonlyMap<number, number>,
  denominator: ReadonlyMap<number, number>,
  confidence = 0.9,
): [number, number] | undefined {
  const rounds = [...numerator.keys()].filter((round) => denominator.has(round))
  if (rounds.length < MIN_ROUNDS) return undefined
  const random = seededRandom(rounds.length)
  const ratios: number[] = []
  for (let draw = 0; draw < RESAMPLES; draw++) {
    const picked = rounds.map(() => rounds[Math.floor(random() * rounds.length)]!)
    const below = median(picked.map((round) => denominator.get(round)!))
    if (below > 0) ratios.push(median(picked.map((round) => numerator.get(round)!)) / below)
  }
  if (ratios.length === 0) return undefined
  ratios.sort((a, b) => a - b)
  const at = (share: number) => ratios[Math.min(ratios.length - 1, Math.floor(share * ratios.length))]!
  return [at((1 - confidence) / 2), at((1 + confidence) / 2)]
}

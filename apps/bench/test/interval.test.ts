import { describe, expect, it } from 'vitest'
import { ratioInterval } from '../src/results/interval'

/** A figure per round, rounds numbered from 0. */
const byRound = (values: number[]) => new Map(values.map((value, round) => [round, value]))

describe('ratioInterval', () => {
  it('is a point when every round gives the same ratio', () => {
    expect(ratioInterval(byRound([30, 60, 45, 90]), byRound([20, 40, 30, 60]))).toEqual([1.5, 1.5])
  })

  it('contains the ratio of the medians and widens when the rounds disagree', () => {
    const floor = byRound([20, 20, 20, 20, 20, 20, 20, 20, 20])
    const calm = ratioInterval(byRound([29, 30, 31, 30, 29, 31, 30, 30, 30]), floor)!
    const noisy = ratioInterval(byRound([10, 30, 50, 20, 30, 45, 15, 30, 60]), floor)!
    for (const [low, high] of [calm, noisy]) {
      expect(low).toBeLessThanOrEqual(1.5)
      expect(high).toBeGreaterThanOrEqual(1.5)
    }
    expect(calm[1] - calm[0]).toBeLessThan(0.11)
    expect(noisy[1] - noisy[0]).toBeGreaterThan(0.5)
  })

  it('keeps each round paired: a slow round slows both sides and leaves the ratio alone', () => {
    // Round 2 ran on a busy host, everything doubled: the ratio is 2 in every round all the same.
    expect(ratioInterval(byRound([40, 40, 80, 40]), byRound([20, 20, 40, 20]))).toEqual([2, 2])
  })

  it('gives the same interval every time for the same rounds', () => {
    const numerator = byRound([12, 31, 18, 25, 40, 22])
    const denominator = byRound([10, 15, 12, 20, 18, 16])
    expect(ratioInterval(numerator, denominator)).toEqual(ratioInterval(numerator, denominator))
  })

  it('uses only the rounds both have, and gives none with fewer than three', () => {
    expect(ratioInterval(byRound([30, 30]), byRound([20, 20]))).toBeUndefined()
    const numerator = new Map([
      [0, 30],
      [1, 30],
      [5, 999],
    ])
    expect(ratioInterval(numerator, byRound([20, 20, 20]))).toBeUndefined()
    expect(ratioInterval(new Map([...numerator, [2, 30]]), byRound([20, 20, 20]))).toEqual([1.5, 1.5])
  })
})

import { describe, expect, it } from 'vitest'
import { passOrder } from '../src/harness/schedule'
import { median, spread } from '../src/results/stats'

describe('median', () => {
  it('takes the middle value of an odd count and the mean of the middle two of an even one', () => {
    expect(median([3, 1, 2])).toBe(2)
    expect(median([4, 1, 3, 2])).toBe(2.5)
  })

  it('refuses an empty list rather than inventing a figure', () => {
    expect(() => median([])).toThrow(/no values/)
  })

  it('reports the spread relative to the median', () => {
    expect(spread([90, 100, 110])).toBeCloseTo(0.2)
  })
})

describe('passOrder', () => {
  it('runs variants forward, then backward, then forward again', () => {
    expect([0, 1, 2].map((pass) => passOrder(['a', 'b', 'c'], pass).join(''))).toEqual(['abc', 'cba', 'abc'])
  })
})

import { describe, expect, it } from 'vitest'

import { MAX_NESTING_DEPTH } from '../src'
import { checkValueBudget } from '../src/value-budget'

/** An array with one entry far past its start: walked by its keys, never by its length. */
function sparse(): unknown[] {
  const array: unknown[] = []
  array[1000] = 1
  return array
}

const nest = (levels: number): unknown => (levels === 0 ? 1 : [nest(levels - 1)])

// What the walk charges each value (its least possible encoded length): a value fits a budget of
// exactly that and is refused, at that cost, by one character less. Both sides of every boundary.
describe('checkValueBudget at the budget boundary', () => {
  it.each<[string, unknown, number]>([
    ['a string (its length and two quotes)', 'ab', 4],
    ['an object (one per node, key length plus three per key)', { a: 1 }, 6],
    ['a dense array (one per node, no keys)', [1, 1], 3],
    ['a sparse array (one per node, plus each index key)', sparse(), 6],
    ['a typed array (four characters per three bytes)', new Uint8Array(3), 5],
  ])('%s', (_what, value, cost) => {
    expect(checkValueBudget(value, cost)).toBeUndefined()
    expect(checkValueBudget(value, cost - 1)).toEqual({ reason: 'size', atLeast: cost })
  })

  it(`accepts ${MAX_NESTING_DEPTH} levels of nesting and refuses one more`, () => {
    expect(checkValueBudget(nest(MAX_NESTING_DEPTH), 1e6)).toBeUndefined()
    expect(checkValueBudget(nest(MAX_NESTING_DEPTH + 1), 1e6)).toEqual({ reason: 'depth' })
  })
})

/**
 * fast-check run options for the hostile-input properties: `cases` runs, stopped after
 * `seconds` however many ran (the count that ran is what the suites report), so the suites
 * stay bounded in time on a slow machine. Together they run over 100,000 cases.
 */
export function fuzzRuns(cases: number, seconds = 60): { numRuns: number; interruptAfterTimeLimit: number } {
  return { numRuns: cases, interruptAfterTimeLimit: seconds * 1000 }
}

import type { HttpClient } from '@fly-session/testkit/http'

/** How one lost-update run went. */
export interface LostUpdates {
  pairs: number
  /** Pairs where at least one of the two writes is missing afterwards. */
  pairsWithLoss: number
  /** Writes missing afterwards. */
  lostWrites: number
  /** Requests not answered 200. */
  failedRequests: number
}

/**
 * Sends `pairs` pairs of concurrent requests on one session; the two requests of a pair write
 * different attributes and meet (after both loaded the session, before either writes), so each
 * commit races the other. Then reads the session back and counts the writes that are missing.
 */
export async function runLostUpdatePairs(
  http: HttpClient,
  cookie: string,
  options: { pairs: number; inFlight: number; tag: string },
): Promise<LostUpdates> {
  let failedRequests = 0
  const write = async (pair: string, name: string) => {
    const response = await http.request(`/set?pair=${pair}&name=${name}&value=1`, { method: 'POST', cookie })
    if (response.status !== 200) failedRequests++
  }
  for (let start = 0; start < options.pairs; start += options.inFlight) {
    const batch = Array.from(
      { length: Math.min(options.inFlight, options.pairs - start) },
      (_, i) => start + i,
    )
    await Promise.all(
      batch.map((index) => {
        const pair = `${options.tag}-${index}`
        return Promise.all([write(pair, `a${index}`), write(pair, `b${index}`)])
      }),
    )
  }
  const { attributes } = (await http.get('/session', { cookie })).json<{
    attributes: Record<string, unknown>
  }>()
  let pairsWithLoss = 0
  let lostWrites = 0
  for (let index = 0; index < options.pairs; index++) {
    const missing = [`a${index}`, `b${index}`].filter((name) => attributes[name] !== '1').length
    lostWrites += missing
    if (missing > 0) pairsWithLoss++
  }
  return { pairs: options.pairs, pairsWithLoss, lostWrites, failedRequests }
}

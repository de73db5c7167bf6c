import autocannon from 'autocannon'
import { ROUTES } from '../servers/contract'

/** The two measured routes. */
export type RouteName = 'read' | 'increment'

/** Both routes, read first. */
export const MEASURED_ROUTES: readonly RouteName[] = ['read', 'increment']

/** The HTTP method and path of a measured route. */
export function requestLine(route: RouteName): { method: 'GET' | 'POST'; path: string } {
  return { method: route === 'read' ? 'GET' : 'POST', path: ROUTES[route] }
}

/** What the load generator saw over one window. */
export interface LoadResult {
  /** Completed 2xx responses per second over the window. */
  requestsPerSecond: number
  /** 99th percentile latency, milliseconds. */
  p99Ms: number
}

/**
 * Drives one route with autocannon from this process over keep-alive loopback connections.
 * The requests rotate through the seeded sessions' cookies (all prebuilt, so the load
 * generator spends nothing per request on them). Any non-2xx answer or connection error fails
 * the run: a server that errors must not look fast.
 */
export async function drive(
  baseUrl: string,
  route: RouteName,
  cookies: string[],
  options: { connections: number; durationSeconds: number },
): Promise<LoadResult> {
  const { method, path } = requestLine(route)
  const result = await autocannon({
    url: baseUrl,
    connections: options.connections,
    pipelining: 1,
    duration: options.durationSeconds,
    // autocannon stops on its sampling tick (1 s by default), which would round short runs up.
    sampleInt: 100,
    timeout: 10,
    requests: cookies.map((cookie) => ({ method, path, headers: { cookie } })),
  })
  if (result.non2xx > 0 || result.errors > 0) {
    throw new Error(
      `[bench] ${method} ${path}: ${result.non2xx} non-2xx answers and ${result.errors} errors ` +
        `(of ${result.requests.total})`,
    )
  }
  return { requestsPerSecond: result['2xx'] / result.duration, p99Ms: result.latency.p99 }
}

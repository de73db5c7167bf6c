import { ROUTES } from '../servers/contract'

/** The two measured routes. */
export type RouteName = 'read' | 'increment'

/** Both routes, read first. */
export const MEASURED_ROUTES: readonly RouteName[] = ['read', 'increment']

/** The HTTP method and path of a measured route. */
export function requestLine(route: RouteName): { method: 'GET' | 'POST'; path: string } {
  return { method: route === 'read' ? 'GET' : 'POST', path: ROUTES[route] }
}

import type { ClientResponse } from '@fly-session/testkit/http'

/** What a test compares between two session libraries: the status, where it redirects, the body. */
export interface Step {
  status: number
  location?: string
  body?: unknown
}

/** The comparable part of a response: its status, its redirect target, its JSON body. */
export function step(response: ClientResponse): Step {
  const result: Step = { status: response.status }
  const location = response.headers.get('location')
  if (location !== null) result.location = location
  if (response.headers.get('content-type')?.includes('json')) result.body = response.json()
  return result
}

/** Request options for an HTML form POST (what passport-local reads). */
export const form = (fields: Record<string, string>) => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(fields).toString(),
})

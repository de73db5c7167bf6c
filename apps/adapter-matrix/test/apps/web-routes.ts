import type { HttpSession } from '@fly-session/core'
import type { Reply, Routes } from '@fly-session/testkit/adapters'

// Web APIs only: these apps also run under Bun and Deno (runtimes/run.ts).

/** A streamed body of the route's chunks, one write each. */
export function webStream(chunks: AsyncIterable<string>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder()
  const iterator = chunks[Symbol.asyncIterator]()
  return new ReadableStream({
    async pull(controller) {
      const next = await iterator.next()
      if (next.done) controller.close()
      else controller.enqueue(encoder.encode(next.value))
    },
  })
}

/** A route's reply as a plain Web Response (the app's own cookie set as a raw header). */
export function webResponse(reply: Reply): Response {
  if ('redirect' in reply) return new Response(null, { status: 302, headers: { location: reply.redirect } })
  if ('stream' in reply)
    return new Response(webStream(reply.stream), { headers: { 'content-type': 'text/plain' } })
  const response = Response.json(reply.json, { status: reply.status ?? 200 })
  if (reply.cookie)
    response.headers.append('set-cookie', `${reply.cookie.name}=${reply.cookie.value}; Path=/`)
  return response
}

/** Answers an error the way a platform's error handler would: the error's status, its code. */
export function errorResponse(error: unknown): Response {
  const { status, code } = error as { status?: number; code?: string }
  return Response.json({ error: code ?? 'UNKNOWN' }, { status: status ?? 500 })
}

/**
 * The routes as one `fetch` handler over `withSession`'s `getSession`, recording the errors
 * that reach it (the platform's error path for a bare handler).
 */
export function routeRequest(
  routes: Routes,
  sessionOf: (request: Request) => HttpSession | undefined,
): (request: Request) => Promise<Response> {
  return async (request) => {
    const url = new URL(request.url)
    const route = routes[url.pathname]
    if (route === undefined) return new Response('not found', { status: 404 })
    return webResponse(await route({ session: sessionOf(request), query: url.searchParams }))
  }
}

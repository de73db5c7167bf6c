// Compile-time checks, run by `pnpm typecheck` (never executed): each adapter types the session
// where handlers read it, and attributes declared on `SessionData` through an adapter's module
// (session-data.d.ts declares `visits: number` on '@fly-session/h3') type `get` in all of them.
import type { HttpSession } from '@fly-session/core'
import type {} from '@fly-session/express'
import { getSession } from '@fly-session/h3'
import type {} from '@fly-session/koa'
import type { Request } from 'express'
import type { H3Event } from 'h3'
import type { ParameterizedContext } from 'koa'
import { expectTypeOf } from 'vitest'

export function typedSessions(req: Request, ctx: ParameterizedContext, event: H3Event): void {
  expectTypeOf(req.session).toEqualTypeOf<HttpSession>()
  expectTypeOf(ctx.session).toEqualTypeOf<HttpSession>()
  expectTypeOf(event.context.session).toEqualTypeOf<HttpSession | undefined>()
  expectTypeOf(getSession(event)).toEqualTypeOf<HttpSession>()
  expectTypeOf(req.session.get('visits')).toEqualTypeOf<number | undefined>()
  expectTypeOf(ctx.session.get('visits')).toEqualTypeOf<number | undefined>()
  // @ts-expect-error: an attribute is set with the type SessionData declares
  getSession(event).set('visits', 'many')
}

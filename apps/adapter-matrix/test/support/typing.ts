// Compile-time checks, run by `pnpm typecheck` (never executed): each adapter types the session
// where handlers read it, and attributes declared on `SessionData` through an adapter's module
// (session-data.d.ts declares `visits: number` on '@fly-session/h3') type `get` in all of them.
import type { HttpSession } from '@fly-session/core'
import type {} from '@fly-session/express'
import type { FastifySession } from '@fly-session/fastify'
import { getSession as getWebSession } from '@fly-session/fetch'
import type { SessionEnv } from '@fly-session/fetch/hono'
import { getSession } from '@fly-session/h3'
import type {} from '@fly-session/koa'
import type { Request } from 'express'
import type { FastifyRequest } from 'fastify'
import type { H3Event } from 'h3'
import type { Context } from 'hono'
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

export function typedWebSessions(
  request: FastifyRequest,
  c: Context<SessionEnv>,
  plain: Context,
  web: Request,
): void {
  expectTypeOf(request.session).toEqualTypeOf<FastifySession>()
  expectTypeOf(request.session.get('visits')).toEqualTypeOf<number | undefined>()
  // Attributes are properties too, typed from SessionData.
  expectTypeOf(request.session.visits).toEqualTypeOf<number | undefined>()
  expectTypeOf(request.session.regenerate(['visits'])).toEqualTypeOf<Promise<void>>()
  expectTypeOf(c.get('session')).toEqualTypeOf<HttpSession>()
  // The ContextVariableMap augmentation types it in an app that declared no variables, too.
  expectTypeOf(plain.get('session')).toEqualTypeOf<HttpSession>()
  expectTypeOf(getWebSession(web as unknown as globalThis.Request).get('visits')).toEqualTypeOf<
    number | undefined
  >()
  // @ts-expect-error: an attribute is set with the type SessionData declares
  request.session.visits = 'many'
}

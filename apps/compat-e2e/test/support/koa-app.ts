import { type Listening, listen } from '@fly-session/testkit/http'
import { bodyParser } from '@koa/bodyparser'
import Router from '@koa/router'
import type Koa from 'koa'
import type { Middleware } from 'koa'
import koaPassport from 'koa-passport'

import { useTestAccounts } from './accounts'

/** What the `koa` and `koa2` packages both export: the application class. */
export type KoaClass = typeof Koa

/** The keys koa-session signs its cookies with (`app.keys`). */
export const APP_KEYS = ['koa-app-key-one', 'koa-app-key-two']

/** The session as the app code sees it: koa-session's shape, whichever layer provides it. */
type AppSession = Record<string, unknown> & {
  toJSON(): Record<string, unknown>
  length: number
  populated: boolean
}

/**
 * An ordinary koa-session app, written only against koa-session's API and koa-passport 6: the
 * tests run it unchanged over koa-session and over `@fly-session/koa/compat`. `sessionFor`
 * gets the app, because koa-session needs it (`session(opts, app)`).
 */
export function buildKoaApp(KoaApp: KoaClass, sessionFor: (app: Koa) => Middleware): Koa {
  const passport = new koaPassport.KoaPassport()
  useTestAccounts(passport)

  const app = new KoaApp()
  app.keys = APP_KEYS
  app.use(bodyParser())
  app.use(sessionFor(app))
  app.use(passport.initialize())
  app.use(passport.session())

  const router = new Router()
  const sessionOf = (ctx: { session: unknown }) => ctx.session as AppSession
  router.get('/private', (ctx) => {
    if (!ctx.isAuthenticated()) {
      sessionOf(ctx).returnTo = ctx.originalUrl
      return ctx.redirect('/login')
    }
    ctx.body = { private: (ctx.state.user as { username: string }).username }
  })
  router.get('/login', (ctx) => {
    ctx.body = { messages: sessionOf(ctx).messages ?? [] }
  })
  router.post(
    '/login',
    passport.authenticate('local', {
      failureRedirect: '/login',
      failureMessage: true,
      successReturnToOrRedirect: '/me',
      keepSessionInfo: true,
    }),
  )
  router.get('/me', (ctx) => {
    ctx.body = { user: (ctx.state.user as { username: string } | undefined)?.username ?? null }
  })
  router.post('/logout', async (ctx) => {
    await ctx.logout()
    ctx.redirect('/me')
  })
  router.get('/cart/add', (ctx) => {
    const session = sessionOf(ctx)
    session.cart = session.cart || []
    ;(session.cart as string[]).push(String(ctx.query.item))
    ctx.body = { cart: session.cart }
  })
  router.get('/cart', (ctx) => {
    const session = sessionOf(ctx)
    const keys = Object.keys(session.toJSON()).sort()
    ctx.body = {
      cart: session.cart ?? null,
      keys,
      hasCart: 'cart' in session,
      spread: Object.keys({ ...session.toJSON() }).sort(),
      json: Object.keys(JSON.parse(JSON.stringify(session))).sort(),
    }
  })
  router.get('/cart/clear', (ctx) => {
    const session = sessionOf(ctx)
    delete session.cart
    ctx.body = { hasCart: 'cart' in session }
  })
  router.get('/shape', (ctx) => {
    const session = sessionOf(ctx)
    ctx.body = { length: session.length, populated: session.populated, isNew: session.isNew }
  })
  router.get('/forget', (ctx) => {
    ctx.session = null
    ctx.body = { session: ctx.session }
  })
  router.get('/replace', (ctx) => {
    ctx.session = { replaced: true }
    ctx.body = { keys: Object.keys(sessionOf(ctx).toJSON()) }
  })
  app.use(router.routes())
  return app
}

/** Serves an app built by `buildKoaApp` on a loopback port. */
export function serveKoa(app: Koa): Promise<Listening> {
  return listen(app.callback())
}

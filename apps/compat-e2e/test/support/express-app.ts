import { type Listening, listen } from '@fly-session/testkit/http'
import flash from 'connect-flash'
import { csrfSync } from 'csrf-sync'
import type { ErrorRequestHandler, Express, RequestHandler } from 'express'
import { Passport } from 'passport'

import { useTestAccounts } from './accounts'

/** What the `express` and `express4` packages both export (the app factory, with its body parsers). */
export type ExpressFactory = (() => Express) & { urlencoded(options: { extended: boolean }): RequestHandler }

/**
 * An ordinary express-session app, written only against express-session's API and the
 * libraries built on it (passport 0.7 + passport-local, connect-flash, csrf-sync): the tests run
 * it unchanged over express-session and over `@fly-session/express/compat`.
 */
export function buildExpressApp(express: ExpressFactory, sessionMiddleware: RequestHandler): Express {
  const passport = new Passport()
  useTestAccounts(passport)
  const { csrfSynchronisedProtection } = csrfSync()

  const app = express()
  app.use(express.urlencoded({ extended: false }))
  app.use(sessionMiddleware)
  app.use(passport.session())
  app.use(flash())

  app.get('/private', (req, res) => {
    if (!req.isAuthenticated()) {
      req.session.returnTo = req.originalUrl
      return res.redirect('/login')
    }
    res.json({ private: (req.user as { username: string }).username })
  })
  app.get('/login', (req, res) => res.json({ messages: req.session.messages ?? [] }))
  app.post(
    '/login',
    passport.authenticate('local', {
      failureRedirect: '/login',
      failureMessage: true,
      successReturnToOrRedirect: '/me',
      keepSessionInfo: true,
    }),
  )
  app.get('/me', (req, res) =>
    res.json({ user: (req.user as { username: string } | undefined)?.username ?? null }),
  )
  app.post('/logout', (req, res, next) => {
    req.logout((error) => (error ? next(error) : res.redirect('/me')))
  })

  app.get('/flash/set', (req, res) => {
    req.flash('info', 'saved')
    req.flash('info', 'and saved again')
    res.redirect('/flash/show')
  })
  app.get('/flash/show', (req, res) => res.json({ info: req.flash('info') }))

  app.use('/csrf', csrfSynchronisedProtection)
  app.get('/csrf/token', (req, res) => res.json({ token: req.csrfToken?.() }))
  app.post('/csrf/submit', (_req, res) => res.json({ accepted: true }))

  app.get('/cart/add', (req, res) => {
    req.session.cart = req.session.cart || []
    req.session.cart.push(String(req.query.item))
    res.json({ cart: req.session.cart })
  })
  app.get('/cart', (req, res) =>
    res.json({
      cart: req.session.cart ?? null,
      keys: Object.keys(req.session).sort(),
      hasCart: 'cart' in req.session,
      spread: Object.keys({ ...req.session }).sort(),
      json: Object.keys(JSON.parse(JSON.stringify(req.session))).sort(),
    }),
  )
  app.get('/cart/clear', (req, res) => {
    delete req.session.cart
    res.json({ hasCart: 'cart' in req.session })
  })

  const onError: ErrorRequestHandler = (error, _req, res, _next) => {
    res.status(error.status ?? 500).json({ error: error.code ?? error.message })
  }
  app.use(onError)
  return app
}

/** Serves an app built by `buildExpressApp` on a loopback port. */
export function serveExpress(app: Express): Promise<Listening> {
  return listen(app)
}

import { bodyParser } from '@koa/bodyparser'
import Router from '@koa/router'
import type Koa from 'koa'
import passport from 'koa-passport'
import { Strategy as LocalStrategy } from 'passport-local'

// koa-passport 6 + passport-local as koa-passport's documentation sets them up. This file is
// the same before and after the switch.
const users = [{ id: '1', username: 'ada', password: 'lovelace' }]

passport.use(
  new LocalStrategy((username, password, done) => {
    const user = users.find((u) => u.username === username && u.password === password)
    return done(null, user ?? false)
  }),
)
passport.serializeUser((user, done) => done(null, (user as { id: string }).id))
passport.deserializeUser((id: string, done) => done(null, users.find((u) => u.id === id) ?? false))

export function authRoutes(app: Koa): void {
  const router = new Router()
  router.post('/login', passport.authenticate('local', { successRedirect: '/', failureRedirect: '/login' }))
  router.post('/logout', async (ctx) => {
    await ctx.logout()
    ctx.redirect('/')
  })
  router.get('/', (ctx) => {
    ctx.body = { user: (ctx.state.user as { username: string } | undefined)?.username ?? null }
  })
  app.use(bodyParser())
  app.use(passport.initialize())
  app.use(passport.session())
  app.use(router.routes())
}

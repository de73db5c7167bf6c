import type { Express } from 'express'
import express from 'express'
import passport from 'passport'
import { Strategy as LocalStrategy } from 'passport-local'

// passport 0.7 + passport-local as passport's own documentation sets them up. This file is
// the same before and after the switch: the compat layer gives passport the session it expects.
const users = [{ id: '1', username: 'ada', password: 'lovelace' }]

passport.use(
  new LocalStrategy((username, password, done) => {
    const user = users.find((u) => u.username === username && u.password === password)
    return done(null, user ?? false, user ? undefined : { message: 'Wrong username or password.' })
  }),
)
passport.serializeUser((user, done) => done(null, (user as { id: string }).id))
passport.deserializeUser((id: string, done) => done(null, users.find((u) => u.id === id) ?? false))

export function authRoutes(app: Express): void {
  app.use(express.urlencoded({ extended: false }))
  app.post(
    '/login',
    passport.authenticate('local', { successRedirect: '/', failureRedirect: '/login', failureMessage: true }),
  )
  app.get('/login', (req, res) => res.json({ messages: req.session.messages ?? [] }))
  app.post('/logout', (req, res, next) => req.logout((err) => (err ? next(err) : res.redirect('/'))))
  app.get('/', (req, res) =>
    res.json({ user: (req.user as { username: string } | undefined)?.username ?? null }),
  )
}

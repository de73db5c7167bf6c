import { Strategy as LocalStrategy } from 'passport-local'

/** The accounts the test apps know; the password of each is `pw-<name>`. */
const users = new Map([
  ['1', { id: '1', username: 'ada' }],
  ['2', { id: '2', username: 'grace' }],
])

/** The part of passport (0.6 under koa-passport, 0.7 for Express) the test apps configure. */
interface Configurable {
  use(strategy: LocalStrategy): unknown
  serializeUser(serialize: (user: Express.User, done: (error: unknown, id: string) => void) => void): void
  deserializeUser(
    deserialize: (id: string, done: (error: unknown, user: Express.User | false) => void) => void,
  ): void
}

/** passport-local over the test accounts, with users serialized to their ID, as passport's docs do it. */
export function useTestAccounts(passport: Configurable): void {
  passport.use(
    new LocalStrategy((username, password, done) => {
      const user = [...users.values()].find((u) => u.username === username)
      if (user === undefined) return done(null, false, { message: 'Unknown user.' })
      if (password !== `pw-${username}`) return done(null, false, { message: 'Incorrect password.' })
      return done(null, user)
    }),
  )
  passport.serializeUser((user, done) => done(null, (user as { id: string }).id))
  passport.deserializeUser((id: string, done) => done(null, users.get(id) ?? false))
}

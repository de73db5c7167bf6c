// The attributes the test apps keep, typed the way an app migrating from express-session would
// declare them (on core's SessionData, which both compat layers read).
declare global {
  namespace FlySession {
    interface SessionData {
      cart: string[]
      returnTo: string
      messages: string[]
    }
  }
}

export {}

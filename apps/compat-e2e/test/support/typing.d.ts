// The attributes the test apps keep, typed the way an app migrating from express-session would
// declare them (on core's SessionData, which both compat layers read).
declare module '@fly-session/core' {
  interface SessionData {
    cart: string[]
    returnTo: string
    messages: string[]
  }
}

// The previous majors are installed under aliases; their types are the current majors'.
declare module 'express4' {
  import express from 'express'
  export default express
}

declare module 'koa2' {
  import Koa from 'koa'
  export default Koa
}

export {}

declare module 'koa-passport' {
  import type { Middleware } from 'koa'
  class KoaPassport {
    use(strategy: unknown): this
    serializeUser<U>(fn: (user: U, done: (error: unknown, id: string) => void) => void): void
    deserializeUser(fn: (id: string, done: (error: unknown, user: unknown) => void) => void): void
    initialize(): Middleware
    session(): Middleware
    authenticate(strategy: string, options?: Record<string, unknown>): Middleware
  }
  const passport: KoaPassport & { KoaPassport: typeof KoaPassport }
  export default passport
}

declare module 'koa' {
  interface DefaultContext {
    isAuthenticated(): boolean
    logout(): Promise<void>
  }
}

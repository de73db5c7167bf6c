/*
 * `@fly-session/core/compat`: what an adapter needs to offer another session library's API
 * (express-session, koa-session, @fastify/session) over an `HttpSession`: Node-style callbacks,
 * lifetimes in milliseconds, and reading and expiring that library's old cookie during a switch.
 */
export { type Callback, settle } from './callbacks'
export { expiringCookie, type OldCookieScope, readCookie } from './foreign-cookie'
export { lifetimeMs, setLifetimeMs } from './lifetime'

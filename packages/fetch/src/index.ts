export * from './core-exports'
export { type FetchHandler, getSession, withSession } from './with-session'

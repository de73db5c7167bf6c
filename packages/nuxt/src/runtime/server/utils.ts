// The server utils the module auto-imports in server/ (Nitro's auto-imports).
export { getSession } from '@fly-session/h3'
export { useSessionManager } from '../manager'

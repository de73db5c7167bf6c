import type {} from '@fly-session/core'

/**
 * The session's attributes, for `getSession(event).get/set`. Augment it in a `.d.ts` file under
 * `server/`: `declare module '@fly-session/h3' { interface SessionData { userId: string } }`.
 *
 * Declared here rather than re-exported from core because TypeScript does not merge an
 * augmentation into a re-exported interface; core's `SessionData` extends this one instead, so
 * the app needs no import of `@fly-session/core` (which pnpm does not let it resolve).
 */
// biome-ignore lint/suspicious/noEmptyInterface: the point is to be augmented by the app.
export interface SessionData {}

type AppSessionData = SessionData

declare module '@fly-session/core' {
  interface SessionData extends AppSessionData {}
}

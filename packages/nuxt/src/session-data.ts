import type {} from '@fly-session/core'

/**
 * The session's attributes, for `getSession(event).get/set`. Augment it in a `.d.ts` file under
 * `server/`: `declare module '@fly-session/nuxt' { interface SessionData { userId: string } }`.
 *
 * Declared here rather than re-exported from core because TypeScript merges an augmentation
 * into an interface re-exported by name (this package's curated list) only through `export *`;
 * core's `SessionData` extends this one instead, so the app needs no import of
 * `@fly-session/core` (which pnpm does not let it resolve).
 */
// biome-ignore lint/suspicious/noEmptyInterface: the point is to be augmented by the app.
export interface SessionData {}

type AppSessionData = SessionData

declare module '@fly-session/core' {
  interface SessionData extends AppSessionData {}
}

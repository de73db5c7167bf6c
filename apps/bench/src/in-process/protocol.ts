// What the bench and its in-process workers say to each other (its own module: importing the
// worker's would run the worker).

/** The variants the in-process figure compares, one worker process each. */
export const IN_PROCESS_VARIANTS = ['floor', 'fly-memory', 'fly-redis'] as const
export type InProcessVariant = (typeof IN_PROCESS_VARIANTS)[number]
export type InProcessRoute = 'read' | 'modify'

/** What the bench sends a worker: measure a round of `route`, or exit. */
export type InProcessCommand = { type: 'round'; route: InProcessRoute } | { type: 'close' }
/** What a worker answers: seeded and ready, one round's CPU µs per operation, or a failure. */
export type InProcessReply =
  | { type: 'ready' }
  | { type: 'round'; cpuMicrosPerOperation: number }
  | { type: 'failed'; message: string }

/** One variant's figure on one route: CPU per operation, the median over the rounds. */
export interface InProcessResult {
  variant: InProcessVariant
  route: InProcessRoute
  /** Main-thread and all other threads' CPU (`process.cpuUsage()`) per operation, µs. */
  cpuMicrosPerOperation: number
}

/**
 * The adapters' shared behaviour suite: `describeAdapterBehaviour(name, startApp, { createStore })`
 * runs every scenario against a real framework app, plus the pieces a framework app and other
 * tests need (the route table, gates; the recording store wrapper is `RecordingStore` from `@fly-session/core/testing`).
 */
export { Gates } from './gates'
export {
  behaviourRoutes,
  isSkippedRequest,
  type Reply,
  type Routes,
  type SessionSnapshot,
  SKIPPED_PREFIX,
} from './routes'
export { describeAdapterBehaviour, type RunningApp, type StartApp, SUITE_SECRET } from './suite'

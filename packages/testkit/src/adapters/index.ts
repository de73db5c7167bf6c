/**
 * The adapters' shared behaviour suite: `describeAdapterBehaviour(name, startApp, { createStore })`
 * runs every scenario against a real framework app, plus the pieces a framework app and other
 * tests need (the route table, gates; the recording store wrapper is `RecordingStore` from `@fly-session/core/testing`).
 */
export { Gates } from './gates'
export { type Harness, openHarness, type RunningApp, type StartApp, SUITE_SECRET } from './harness'
export {
  behaviourRoutes,
  isSkippedRequest,
  type Reply,
  type Route,
  type RouteRequest,
  type Routes,
  type SessionSnapshot,
  SKIPPED_PREFIX,
  slowly,
  snapshot,
} from './routes'
export { type AdapterBehaviourOptions, describeAdapterBehaviour, type OpenHarness } from './suite'

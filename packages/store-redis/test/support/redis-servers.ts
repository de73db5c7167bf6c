/*
 * The shared launcher, imported by path rather than as the `@fly-session/testkit` dependency:
 * testkit's adapter suite depends on this package, and a dependency back would be a cycle in the
 * build graph. The launcher itself needs nothing but Node built-ins.
 */
export * from '../../../testkit/src/redis/index'

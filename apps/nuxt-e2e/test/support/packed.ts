// The release checks' global setup packs every public package and declares what it provides.
import type {} from '@fly-session/release-check/test/global-setup'

export { allPackedPackages } from '@fly-session/release-check/test/packed'

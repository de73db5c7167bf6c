import { packageConfig } from '../../config/tsup.ts'

// Two builds, because the entries declare different global types for `req.session` and a
// declaration build of both in one program fails. `clean` is off: the build script empties dist.
export default [
  packageConfig({ index: 'src/index.ts' }, { clean: false }),
  packageConfig({ compat: 'src/compat/index.ts' }, { clean: false }),
]

import { packageConfig } from '../../config/tsup.ts'

// devalue ships ESM only; bundling it keeps the CJS build loadable on every Node 20 release
// (require(esm) only arrived unflagged in 20.19). ./testing is ESM only (it imports vitest,
// which refuses to be required): its CJS output is left out of the package (see `files`).
export default packageConfig(
  {
    index: 'src/index.ts',
    testing: 'src/testing/index.ts',
    node: 'src/node/index.ts',
    compat: 'src/compat/index.ts',
  },
  { noExternal: ['devalue'] },
)

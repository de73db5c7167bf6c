import { packageConfig } from '../../config/tsup.ts'

// `platform: 'neutral'`: the request path uses Web APIs only, for Bun, Deno and workers.
export default packageConfig({ index: 'src/index.ts', hono: 'src/hono.ts' }, { platform: 'neutral' })

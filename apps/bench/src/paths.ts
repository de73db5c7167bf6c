import { fileURLToPath } from 'node:url'

// Resolved from the built harness (apps/bench/dist/main.js).

/** apps/bench/ */
export const BENCH_DIR = fileURLToPath(new URL('..', import.meta.url))
/** The repository root. */
export const REPO_DIR = fileURLToPath(new URL('../../..', import.meta.url))

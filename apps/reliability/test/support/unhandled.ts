/**
 * Collects every unhandled promise rejection in this process while it is installed, so a
 * suite can assert there were none (vitest would report them, but only after the fact).
 */
export function watchUnhandledRejections(): { seen: unknown[]; stop(): void } {
  const seen: unknown[] = []
  const listener = (reason: unknown) => {
    seen.push(reason)
  }
  process.on('unhandledRejection', listener)
  return { seen, stop: () => process.off('unhandledRejection', listener) }
}

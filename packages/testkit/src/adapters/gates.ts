/** A promise and the function that resolves it (Node 20 has no `Promise.withResolvers`). */
function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void
  const promise = new Promise<void>((done) => (resolve = done))
  return { promise, resolve }
}

/**
 * Named points where a request handler waits for the test, so a test can hold one request
 * after its session has loaded while other requests run: `await gates.arrival('a')` resolves
 * once a request reached gate `a`; `gates.release('a')` lets it go on. Bounded by the test's
 * own timeout.
 */
export class Gates {
  readonly #gates = new Map<string, Record<'arrived' | 'opened', ReturnType<typeof deferred>>>()

  /** Called by a handler: reports its arrival at `name` and waits for `release(name)`. No name, no wait. */
  pass(name: string | null): Promise<void> {
    if (name === null) return Promise.resolve()
    const gate = this.#gate(name)
    gate.arrived.resolve()
    return gate.opened.promise
  }

  /** Resolves once a request has reached the gate. */
  arrival(name: string): Promise<void> {
    return this.#gate(name).arrived.promise
  }

  /** Lets the request waiting at `name` (or the next one to arrive there) go on. */
  release(name: string): void {
    this.#gate(name).opened.resolve()
  }

  #gate(name: string) {
    const gate = this.#gates.get(name) ?? { arrived: deferred(), opened: deferred() }
    this.#gates.set(name, gate)
    return gate
  }
}

interface Gate {
  arrived: Promise<void>
  arrive: () => void
  opened: Promise<void>
  open: () => void
}

/** A promise and the function that resolves it (Node 20 has no `Promise.withResolvers`). */
function signal(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void
  const promise = new Promise<void>((done) => {
    resolve = done
  })
  return { promise, resolve }
}

/**
 * Named points where a request handler waits for the test, so a test can hold one request
 * after its session has loaded while other requests run: `await gates.arrival('a')` resolves
 * once a request reached gate `a`; `gates.release('a')` lets it go on. Bounded by the test's
 * own timeout.
 */
export class Gates {
  readonly #gates = new Map<string, Gate>()

  /** Called by a handler: reports its arrival at `name` and waits for `release(name)`. No name, no wait. */
  pass(name: string | null): Promise<void> {
    if (name === null) return Promise.resolve()
    const gate = this.#gate(name)
    gate.arrive()
    return gate.opened
  }

  /** Resolves once a request has reached the gate. */
  arrival(name: string): Promise<void> {
    return this.#gate(name).arrived
  }

  /** Lets the request waiting at `name` (or the next one to arrive there) go on. */
  release(name: string): void {
    this.#gate(name).open()
  }

  #gate(name: string): Gate {
    let gate = this.#gates.get(name)
    if (gate === undefined) {
      const arrival = signal()
      const opening = signal()
      gate = {
        arrived: arrival.promise,
        arrive: arrival.resolve,
        opened: opening.promise,
        open: opening.resolve,
      }
      this.#gates.set(name, gate)
    }
    return gate
  }
}

/**
 * A fingerprint of the built-in prototypes an attacker would pollute. Comparing one taken
 * before a suite with one taken after shows that nothing was added, removed or replaced.
 */
export function prototypeFingerprint(): Map<string, unknown> {
  const fingerprint = new Map<string, unknown>()
  const targets: Array<[string, object]> = [
    ['Object', Object.prototype],
    ['Array', Array.prototype],
    ['Function', Function.prototype],
    ['String', String.prototype],
    ['Map', Map.prototype],
  ]
  for (const [label, target] of targets) {
    for (const name of Reflect.ownKeys(target)) {
      const descriptor = Object.getOwnPropertyDescriptor(target, name)!
      fingerprint.set(`${label}.${String(name)}`, descriptor.value ?? descriptor.get)
    }
    fingerprint.set(`${label}.[[Prototype]]`, Object.getPrototypeOf(target))
  }
  return fingerprint
}

/** The entries that differ between two fingerprints (empty when nothing changed). */
export function prototypeChanges(before: Map<string, unknown>, after: Map<string, unknown>): string[] {
  const names = new Set([...before.keys(), ...after.keys()])
  return [...names].filter((name) => before.get(name) !== after.get(name))
}

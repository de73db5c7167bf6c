/** The secret that signs (first in the list). */
export const SECRET = 'reliability-current-secret-0123456789abcdef'
/** A retired secret: still verifies, never signs. */
export const OLD_SECRET = 'reliability-retired-secret-0123456789abcdef'
/** A secret the server never had: what a forger would sign with. */
export const FOREIGN_SECRET = 'reliability-foreign-secret-0123456789abcdef'

/** The rotation order a manager is configured with. */
export const SECRETS = [SECRET, OLD_SECRET]

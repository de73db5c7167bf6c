// What the runtime files use of Nitro's `#imports`, which exists only inside a Nitro build.
declare module '#imports' {
  export function useRuntimeConfig(): { session: import('../options').SessionRuntimeConfig }
}

interface ImportMeta {
  /** Replaced by Nitro: true in `nuxt dev`. */
  readonly dev?: boolean
}

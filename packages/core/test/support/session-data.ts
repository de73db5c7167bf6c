// The attributes the core tests use, declared the way users do it.
declare global {
  namespace FlySession {
    interface SessionData {
      views: number
      user: { name: string; roles: string[]; since: Date }
      cart: Map<string, number>
      blob: string
      note: unknown
    }
  }
}

export {}

declare global {
  namespace FlySession {
    interface SessionData {
      views: number
      theme: string
    }
  }
}

export {}

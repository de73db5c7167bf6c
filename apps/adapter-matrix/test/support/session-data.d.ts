// The attributes the typing checks use, declared through an adapter's module as an app would.
declare module '@fly-session/h3' {
  interface SessionData {
    visits: number
  }
}

export {}

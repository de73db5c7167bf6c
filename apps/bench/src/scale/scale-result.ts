/** The MemoryStore scale figure for one session count. Times in milliseconds. */
export interface ScaleResult {
  sessions: number
  /** V8 heap growth after a full GC, divided by the session count. */
  heapBytesPerSession: number
  /** Process RSS with all sessions held. */
  rssBytes: number
  /** Wall time to create the sessions through core (begin, load, set, commit), per session. */
  fillMicrosPerSession: number
  /** A sweep that finds nothing expired (the usual timer tick): its duration, and the longest event-loop delay seen. */
  scanSweepMs: number
  scanPauseMs: number
  /** A sweep that finds every session expired and frees them all (the worst tick). */
  expireSweepMs: number
  expirePauseMs: number
}

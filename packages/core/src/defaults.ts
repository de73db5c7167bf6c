/** Defaults, named once so docs, validation and tests agree. Durations in seconds. */
export const DEFAULT_COOKIE_NAME = 'sid'
export const DEFAULT_IDLE_TIMEOUT = 1800
export const DEFAULT_ABSOLUTE_TIMEOUT = 86_400
export const DEFAULT_TOUCH_INTERVAL = 60
/** 256 KiB of encoded attributes per session. */
export const DEFAULT_MAX_SIZE = 256 * 1024
/** Shortest secret accepted: 32 characters (≈ 256 bits when random). */
export const MIN_SECRET_LENGTH = 32

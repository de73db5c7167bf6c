import { serialize } from 'cookie'

import { devalueCodec, type SessionCodec } from './codec'
import {
  FOREIGN_COOKIE_OPTIONS,
  FOREIGN_OPTIONS,
  KNOWN_COOKIE_OPTIONS,
  KNOWN_OPTIONS,
} from './config-options'
import {
  DEFAULT_ABSOLUTE_TIMEOUT,
  DEFAULT_COOKIE_NAME,
  DEFAULT_IDLE_TIMEOUT,
  DEFAULT_MAX_SIZE,
  DEFAULT_TOUCH_INTERVAL,
  MIN_SECRET_LENGTH,
} from './defaults'
import { SessionConfigError } from './errors'
import { checkLifetime } from './lifetime'
import type { SessionHooks, SessionOptions } from './options'
import type { SessionStore } from './store'

/** The cookie options with every default applied. */
export interface ResolvedCookie {
  name: string
  path: string
  domain: string | undefined
  secure: boolean
  httpOnly: boolean
  sameSite: 'lax' | 'strict' | 'none'
  partitioned: boolean
  priority: 'low' | 'medium' | 'high' | undefined
  persistent: boolean
}

/** The options with every default applied and checked; timeouts converted to milliseconds. */
export interface ResolvedConfig {
  store: SessionStore
  secrets: readonly string[]
  cookie: ResolvedCookie
  idleTimeoutMs: number
  absoluteTimeoutMs: number
  touchIntervalMs: number
  hashIds: boolean
  maxSize: number
  codec: SessionCodec
  failOnStoreError: boolean
  skip: ((req: unknown) => boolean) | undefined
  hooks: SessionHooks
}

function fail(message: string): never {
  throw new SessionConfigError(message)
}

/** Refuses option names it does not know, saying what to use instead for other libraries' options. */
function checkNames(
  where: string,
  given: object,
  known: ReadonlySet<string>,
  foreign: Readonly<Record<string, string>>,
): void {
  for (const name of Object.keys(given)) {
    if (known.has(name)) continue
    const advice = Object.hasOwn(foreign, name) ? foreign[name] : 'see SessionOptions for what is accepted'
    fail(`unknown option ${where}${name}: ${advice}`)
  }
}

/**
 * The touch interval when none is given: 60 seconds, or half the idle timeout when that is
 * shorter, so an active session is always refreshed before it goes idle.
 */
function defaultTouchInterval(idleTimeout: number): number {
  return Math.min(DEFAULT_TOUCH_INTERVAL, idleTimeout / 2)
}

function oneOf<T extends string>(name: string, value: T | undefined, allowed: readonly T[], fallback: T): T {
  const chosen = value ?? fallback
  if (!allowed.includes(chosen))
    fail(`${name} must be one of ${allowed.map((a) => `'${a}'`).join(', ')}, got ${String(value)}`)
  return chosen
}

function resolveSecrets(secret: SessionOptions['secret']): string[] {
  const secrets = Array.isArray(secret) ? secret : [secret]
  if (secrets.length === 0) fail('secret must be a string or a non-empty array of strings')
  for (const s of secrets) {
    if (typeof s !== 'string' || s.length < MIN_SECRET_LENGTH) {
      fail(
        `every secret must be a string of at least ${MIN_SECRET_LENGTH} characters (use e.g. \`openssl rand -base64 48\`)`,
      )
    }
  }
  return [...secrets]
}

function resolveCookie(options: SessionOptions['cookie'] = {}): ResolvedCookie {
  if (options === null || typeof options !== 'object') fail('cookie must be an object of cookie options')
  checkNames('cookie.', options, KNOWN_COOKIE_OPTIONS, FOREIGN_COOKIE_OPTIONS)
  const cookie: ResolvedCookie = {
    name: options.name ?? DEFAULT_COOKIE_NAME,
    path: options.path ?? '/',
    domain: options.domain,
    secure: options.secure ?? true,
    httpOnly: options.httpOnly ?? true,
    sameSite: oneOf<'lax' | 'strict' | 'none'>(
      'cookie.sameSite',
      options.sameSite,
      ['lax', 'strict', 'none'],
      'lax',
    ),
    partitioned: options.partitioned ?? false,
    priority:
      options.priority === undefined
        ? undefined
        : oneOf<'low' | 'medium' | 'high'>(
            'cookie.priority',
            options.priority,
            ['low', 'medium', 'high'],
            'medium',
          ),
    persistent: options.persistent ?? true,
  }
  if (cookie.name.startsWith('__Host-')) {
    if (!cookie.secure) fail('a __Host- cookie must be secure (browsers refuse it otherwise)')
    if (cookie.domain !== undefined) fail('a __Host- cookie must not have a domain')
    if (cookie.path !== '/') fail("a __Host- cookie must have path '/'")
  }
  if (cookie.name.startsWith('__Secure-') && !cookie.secure) fail('a __Secure- cookie must be secure')
  if (cookie.sameSite === 'none' && !cookie.secure)
    fail("sameSite 'none' requires secure (browsers refuse it otherwise)")
  if (cookie.partitioned && !cookie.secure) fail('a partitioned cookie must be secure')
  try {
    // The serializer validates name, path and domain; asking it once here moves a bad value's
    // error from the first request to start-up.
    serialize(cookie.name, 'x', { path: cookie.path, domain: cookie.domain })
  } catch (error) {
    fail(`invalid cookie option: ${(error as Error).message}`)
  }
  return cookie
}

function resolveStore(store: SessionStore | undefined): SessionStore {
  const methods = ['get', 'set', 'destroy'] as const
  if (!store || methods.some((m) => typeof store[m] !== 'function')) {
    fail('store must implement get, set and destroy (see the SessionStore protocol)')
  }
  return store
}

/** Applies defaults and checks every option. Throws `SessionConfigError` on the first bad one. */
export function resolveConfig<Req>(options: SessionOptions<Req>): ResolvedConfig {
  if (options === null || typeof options !== 'object') fail('options are required: { store, secret }')
  checkNames('', options, KNOWN_OPTIONS, FOREIGN_OPTIONS)
  const idle = options.idleTimeout ?? DEFAULT_IDLE_TIMEOUT
  const absolute = options.absoluteTimeout ?? DEFAULT_ABSOLUTE_TIMEOUT
  checkLifetime({ idleTimeout: idle, absoluteTimeout: absolute })
  const touch = options.touchInterval ?? defaultTouchInterval(idle)
  if (typeof touch !== 'number' || !Number.isFinite(touch) || touch < 0)
    fail(`touchInterval must be a non-negative number of seconds, got ${String(options.touchInterval)}`)
  if (touch >= idle)
    fail(`touchInterval (${touch}s) must be below idleTimeout (${idle}s), or active sessions would expire`)
  const maxSize = options.maxSize ?? DEFAULT_MAX_SIZE
  if (!Number.isInteger(maxSize) || maxSize <= 0)
    fail(`maxSize must be a positive whole number of bytes, got ${String(options.maxSize)}`)
  const codec = options.codec ?? devalueCodec
  if (typeof codec.encode !== 'function' || typeof codec.decode !== 'function')
    fail('codec must have encode and decode')
  if (options.skip !== undefined && typeof options.skip !== 'function') fail('skip must be a function')
  return {
    store: resolveStore(options.store),
    secrets: resolveSecrets(options.secret),
    cookie: resolveCookie(options.cookie),
    idleTimeoutMs: idle * 1000,
    absoluteTimeoutMs: absolute * 1000,
    touchIntervalMs: touch * 1000,
    hashIds: options.hashIds ?? true,
    maxSize,
    codec,
    failOnStoreError:
      oneOf<'fail' | 'continue'>('onStoreError', options.onStoreError, ['fail', 'continue'], 'fail') ===
      'fail',
    // The adapter that created the manager is the one that calls it, with its own request type.
    skip: options.skip as ((req: unknown) => boolean) | undefined,
    hooks: options.hooks ?? {},
  }
}

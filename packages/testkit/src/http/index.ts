/**
 * HTTP over loopback for tests that start a real framework: `listen(handler)` serves a Node
 * request listener on a free 127.0.0.1 port, `HttpClient` speaks to it with a cookie jar and
 * without following redirects, and the Set-Cookie helpers read every header a response sent.
 */
export { type ClientResponse, HttpClient, type RequestOptions } from './client'
export { CookieJar } from './cookie-jar'
export { type Listening, listen } from './listen'
export { isExpiring, parseSetCookie, type SetCookie } from './set-cookie'

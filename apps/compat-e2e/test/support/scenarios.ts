import { HttpClient } from '@fly-session/testkit/http'

import { form, type Step, step } from './transcript'

/**
 * passport's whole story on one browser: a protected page remembers where the visitor was
 * going (`returnTo`), a wrong password leaves a `failureMessage`, login regenerates the session
 * and returns to the page, logout regenerates again; the cookies from before login and from
 * before logout are dead afterwards.
 */
export async function passportStory(url: string): Promise<Step[]> {
  const browser = new HttpClient(url)
  const steps: Step[] = []
  steps.push(step(await browser.get('/private')))
  steps.push(step(await browser.request('/login', form({ username: 'ada', password: 'wrong' }))))
  steps.push(step(await browser.get('/login')))
  const anonymous = browser.jar.header(new URL(url))
  steps.push(step(await browser.request('/login', form({ username: 'ada', password: 'pw-ada' }))))
  steps.push(step(await browser.get('/private')))
  steps.push(step(await browser.get('/me')))
  const signedIn = browser.jar.header(new URL(url))
  steps.push(step(await new HttpClient(url).get('/me', { cookie: anonymous ?? '' })))
  steps.push(step(await browser.request('/logout', { method: 'POST' })))
  steps.push(step(await browser.get('/me')))
  steps.push(step(await new HttpClient(url).get('/me', { cookie: signedIn ?? '' })))
  return steps
}

/** What every session library above must answer to `passportStory`. */
export const passportAnswers: Step[] = [
  { status: 302, location: '/login' },
  { status: 302, location: '/login' },
  { status: 200, body: { messages: ['Incorrect password.'] } },
  { status: 302, location: '/private' },
  { status: 200, body: { private: 'ada' } },
  { status: 200, body: { user: 'ada' } },
  { status: 200, body: { user: null } },
  { status: 302, location: '/me' },
  { status: 200, body: { user: null } },
  { status: 200, body: { user: null } },
]

/** Nested changes and the session object's shape: push onto an array attribute, `in`, keys, spread, JSON, delete. */
export async function cartStory(url: string): Promise<Step[]> {
  const browser = new HttpClient(url)
  return [
    step(await browser.get('/cart/add?item=apple')),
    step(await browser.get('/cart/add?item=pear')),
    step(await browser.get('/cart')),
    step(await browser.get('/cart/clear')),
    step(await browser.get('/cart')),
  ]
}

/** What every session library above must answer to `cartStory`. */
export const cartAnswers = (shape: { keys: string[]; empty: string[] }): Step[] => [
  { status: 200, body: { cart: ['apple'] } },
  { status: 200, body: { cart: ['apple', 'pear'] } },
  {
    status: 200,
    body: { cart: ['apple', 'pear'], keys: shape.keys, hasCart: true, spread: shape.keys, json: shape.keys },
  },
  { status: 200, body: { hasCart: false } },
  {
    status: 200,
    body: { cart: null, keys: shape.empty, hasCart: false, spread: shape.empty, json: shape.empty },
  },
]

/** connect-flash: two messages survive the redirect, are shown once, then are gone. */
export async function flashStory(url: string): Promise<Step[]> {
  const browser = new HttpClient(url)
  return [
    step(await browser.get('/flash/set')),
    step(await browser.get('/flash/show')),
    step(await browser.get('/flash/show')),
  ]
}

export const flashAnswers: Step[] = [
  { status: 302, location: '/flash/show' },
  { status: 200, body: { info: ['saved', 'and saved again'] } },
  { status: 200, body: { info: [] } },
]

/** csrf-sync: the token kept in the session accepts the POST that carries it and refuses the others. */
export async function csrfStory(url: string): Promise<Step[]> {
  const browser = new HttpClient(url)
  const tokenResponse = await browser.get('/csrf/token')
  const { token } = tokenResponse.json<{ token: string }>()
  const tokenStep = { ...step(tokenResponse), body: { tokenLength: token.length } }
  return [
    tokenStep,
    step(await browser.request('/csrf/submit', { method: 'POST', headers: { 'x-csrf-token': token } })),
    step(await browser.request('/csrf/submit', { method: 'POST' })),
    step(await browser.request('/csrf/submit', { method: 'POST', headers: { 'x-csrf-token': `${token}x` } })),
    step(
      await new HttpClient(url).request('/csrf/submit', {
        method: 'POST',
        headers: { 'x-csrf-token': token },
      }),
    ),
  ]
}

export const csrfAnswers: Step[] = [
  { status: 200, body: { tokenLength: 256 } },
  { status: 200, body: { accepted: true } },
  { status: 403, body: { error: 'EBADCSRFTOKEN' } },
  { status: 403, body: { error: 'EBADCSRFTOKEN' } },
  { status: 403, body: { error: 'EBADCSRFTOKEN' } },
]

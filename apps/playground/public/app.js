// The page's only script: it calls the playground's JSON API (the same under /express, /koa,
// /h3, /fastify and /hono) and shows what the server answers. No build step, no framework, no innerHTML.

const FRAMEWORK_NAMES = { express: 'Express', koa: 'Koa', h3: 'h3', fastify: 'Fastify', hono: 'Hono' }
const time = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' })
const shortTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'short', timeStyle: 'medium' })
const byId = (id) => document.getElementById(id)

/** True while the page shows a signed-in session: a change to signed-out we did not ask for is news. */
let signedIn = false

/** The framework chosen for everything but the counter's own buttons. */
function via() {
  return document.querySelector('input[name="via"]:checked').value
}

async function request(framework, method, route, body) {
  const response = await fetch(`/${framework}/api/${route}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const data = await response.json().catch(() => ({}))
  return { status: response.status, data }
}

function showNotice(text, tone = 'info') {
  const notice = byId('notice')
  notice.textContent = text
  notice.dataset.tone = tone
  notice.hidden = false
}

/**
 * Runs one user action: the page is busy meanwhile, and `data-renders` on <body> counts finished
 * actions, so a test can wait for exactly the one it started.
 */
async function run(task) {
  byId('notice').hidden = true
  document.body.classList.add('busy')
  try {
    await task()
  } catch {
    showNotice('Could not reach the server.', 'error')
  } finally {
    document.body.classList.remove('busy')
    document.body.dataset.renders = String(Number(document.body.dataset.renders) + 1)
  }
}

/** Shows the state as one framework reports it. */
async function refresh(framework, { expectSignOut = false } = {}) {
  const { status, data } = await request(framework, 'GET', 'state')
  if (status !== 200) {
    showNotice(data.message ?? `The server answered ${status}.`, 'error')
    return
  }
  if (signedIn && !data.view.signedIn && !expectSignOut) {
    showNotice(
      'You have been signed out: this session was revoked from another browser, or it expired.',
      'warn',
    )
  }
  render(data.view)
}

/** POSTs one action through one framework, then shows the state through the same framework. */
async function act(framework, route, body, options = {}) {
  const { status, data } = await request(framework, 'POST', route, body)
  await refresh(framework, options)
  // A 401 is shown by refresh() as "signed out"; other failures carry their own message.
  if (status >= 400 && status !== 401) showNotice(data.message ?? `The server answered ${status}.`, 'error')
  return status === 200 ? data : undefined
}

function render(view) {
  signedIn = view.signedIn
  byId('store').textContent = `Store: ${view.store.label}`
  byId('served-by').textContent = `Last answer from: ${FRAMEWORK_NAMES[view.servedBy]}`
  byId('signed-out').hidden = view.signedIn
  byId('signed-in').hidden = !view.signedIn
  if (!view.signedIn) return
  byId('who').textContent = view.name
  byId('counter-value').textContent = String(view.counter.value)
  byId('last-writer').textContent = view.counter.lastWriter
    ? FRAMEWORK_NAMES[view.counter.lastWriter]
    : 'nobody yet'
  showTime(byId('created-at'), view.session.createdAt)
  showTime(byId('last-accessed-at'), view.session.lastAccessedAt)
  showTime(byId('expires-at'), view.session.expiresAt)
  renderSessions(view.sessions)
}

/** A <time>: readable text, and the exact instant in `datetime`. */
function showTime(element, epochMs) {
  element.dateTime = new Date(epochMs).toISOString()
  element.textContent = time.format(epochMs)
}

function renderSessions(sessions) {
  // This browser first, then the others as the server ordered them (most recently active first).
  const ordered = [...sessions].sort((a, b) => Number(b.current === true) - Number(a.current === true))
  const rows = ordered.map((summary) => {
    const row = byId('session-row').content.firstElementChild.cloneNode(true)
    row.classList.toggle('current', summary.current === true)
    row.querySelector('.label').textContent = summary.current ? 'This browser' : 'Another browser'
    row.querySelector('.detail').textContent =
      `signed in ${shortTime.format(summary.createdAt)} · last access ${shortTime.format(summary.lastAccessedAt)}` +
      ` · expires ${shortTime.format(summary.expiresAt)}`
    const revoke = row.querySelector('.revoke')
    // The handle is opaque and sealed by the server: safe to keep in the page, unlike the ID.
    if (summary.current) revoke.remove()
    else revoke.dataset.handle = summary.handle
    return row
  })
  byId('sessions').replaceChildren(...rows)
  byId('sign-out-others').disabled = sessions.length < 2
}

byId('sign-in').addEventListener('submit', (event) => {
  event.preventDefault()
  const name = byId('name').value
  run(() => act(via(), 'sign-in', { name }))
})

for (const button of document.querySelectorAll('[data-increment]')) {
  button.addEventListener('click', () => run(() => act(button.dataset.increment, 'increment')))
}

byId('refresh').addEventListener('click', () => run(() => refresh(via())))

byId('sessions').addEventListener('click', (event) => {
  const handle = event.target.closest('.revoke')?.dataset.handle
  if (handle) run(() => act(via(), 'revoke', { handle }))
})

byId('sign-out-others').addEventListener('click', () =>
  run(async () => {
    const result = await act(via(), 'sign-out-others')
    if (result) showNotice(`Signed out ${result.revoked} other session${result.revoked === 1 ? '' : 's'}.`)
  }),
)

byId('sign-out').addEventListener('click', () =>
  run(async () => {
    await act(via(), 'sign-out', undefined, { expectSignOut: true })
    showNotice('Signed out.')
  }),
)

run(() => refresh(via()))

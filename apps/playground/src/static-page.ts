import { readFile } from 'node:fs/promises'
import type { IncomingMessage, ServerResponse } from 'node:http'

import { requestPath } from './request-path'

/** The page: plain files, no build step. Read once at start; they are a few kilobytes. */
const PAGE_FILES: Record<string, { file: string; type: string }> = {
  '/': { file: 'index.html', type: 'text/html; charset=utf-8' },
  '/app.js': { file: 'app.js', type: 'text/javascript; charset=utf-8' },
  '/style.css': { file: 'style.css', type: 'text/css; charset=utf-8' },
}

const PUBLIC_DIR = new URL('../public/', import.meta.url)

// The page loads nothing but its own files and talks to nothing but its own origin.
const SECURITY_HEADERS = {
  'content-security-policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
}

/** A request handler for the page's files; answers 404 for any other path. */
export type PageHandler = (req: IncomingMessage, res: ServerResponse) => void

/** Loads the page's files and returns the handler that serves them. */
export async function loadPage(): Promise<PageHandler> {
  const files = new Map<string, { body: Buffer; type: string }>()
  for (const [path, { file, type }] of Object.entries(PAGE_FILES)) {
    files.set(path, { body: await readFile(new URL(file, PUBLIC_DIR)), type })
  }
  return (req, res) => {
    const found = files.get(requestPath(req))
    if (found === undefined || (req.method !== 'GET' && req.method !== 'HEAD')) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found')
      return
    }
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'content-type': found.type,
      'content-length': found.body.length,
    })
    res.end(req.method === 'HEAD' ? undefined : found.body)
  }
}

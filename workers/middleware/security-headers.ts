// Security headers on every response: the console and portal pages, the server-built print pages,
// the API's JSON and the file downloads. The Content-Security-Policy runs no script but our own
// files and the few inline scripts the server writes itself (named by their hashes), so text a
// citizen or a clerk typed can never run in our origin even where an escape is missed; no other
// site may frame a page (clickjacking on the console's buttons); nothing is sniffed into HTML.
import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv } from '../api/context';
import { toBase64 } from '../lib/ids';

async function scriptHash(source: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(source));
  return `'sha256-${toBase64(new Uint8Array(digest))}'`;
}

/** The policy, allowing `inlineScripts` (the exact text between <script> and </script>) by hash. */
export async function contentSecurityPolicy(inlineScripts: readonly string[]): Promise<string> {
  const hashes = await Promise.all(inlineScripts.map(scriptHash));
  return [
    "default-src 'self'",
    `script-src 'self' ${hashes.join(' ')}`.trim(),
    // Solid writes style attributes and the print pages carry their sheet in a <style>
    "style-src 'self' 'unsafe-inline'",
    // the portal previews a photo from a blob: before it shrinks and uploads it, and shows a
    // county's logo from its own site (settings.branding.logoUrl: https:// or our path)
    "img-src 'self' data: blob: https:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'self'",
  ].join('; ');
}

/**
 * Sets the headers a response does not set itself (the API's own secureHeaders run first on /api).
 * A fetched response (Workers static assets) has immutable headers: that one is copied.
 */
export function securityHeaders(opts: { inlineScripts: readonly string[] }): MiddlewareHandler<AppEnv> {
  // worked out once; after that no await per request (the trivial route pays for every microtask)
  let headers: [string, string][] | null = null;
  return async (c, next) => {
    await next();
    headers ??= [
      ['content-security-policy', await contentSecurityPolicy(opts.inlineScripts)],
      ['x-content-type-options', 'nosniff'],
      ['x-frame-options', 'SAMEORIGIN'],
      ['referrer-policy', 'same-origin'],
    ];
    const own = c.res.headers;
    const missing = headers.filter(([k]) => !own.has(k));
    if (!missing.length) return;
    setResponseHeaders(c, missing);
  };
}

/**
 * Sets headers on the response already made, in place: c.header() after the fact rebuilds it (on
 * Node a whole web Response per request). A fetched response (Workers static assets) has immutable
 * headers: that one alone is copied.
 */
export function setResponseHeaders(c: Context, entries: readonly (readonly [string, string])[]): void {
  try {
    for (const [k, v] of entries) c.res.headers.set(k, v);
  } catch {
    const res = new Response(c.res.body, c.res);
    for (const [k, v] of entries) res.headers.set(k, v);
    c.res = res;
  }
}

// Reads the built front ends from dist/ for the Node entry (the Worker uses its ASSETS binding).
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { AssetReader } from '../routes/front';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.webmanifest': 'application/manifest+json',
  '.txt': 'text/plain; charset=utf-8',
};

const COMPRESSIBLE = /^(text\/|application\/(json|manifest)|image\/svg)/;

export function nodeAssetReader(distDir: string): AssetReader {
  const root = resolve(distDir);
  const cache = new Map<string, { body: Buffer; gzip: Buffer | null; type: string; immutable: boolean }>();
  // A farmer on 3G pays for every byte: text assets go out gzipped when the browser accepts it.
  return async (path, acceptEncoding = '') => {
    const rel = normalize(decodeURIComponent(path)).replace(/^(\.\.[/\\])+/, '');
    const file = join(root, rel);
    if (!file.startsWith(root)) return null;
    let hit = cache.get(file);
    if (!hit) {
      try {
        if (!(await stat(file)).isFile()) return null;
        const body = await readFile(file);
        const type = TYPES[extname(file)] ?? 'application/octet-stream';
        hit = {
          body,
          gzip: COMPRESSIBLE.test(type) && body.length > 1024 ? gzipSync(body, { level: 9 }) : null,
          type,
          immutable: /\/assets\//.test(rel),
        };
        // hashed assets never change; index.html does when the front end is rebuilt
        if (hit.immutable) cache.set(file, hit);
      } catch {
        return null;
      }
    }
    const gz = hit.gzip && /\bgzip\b/.test(acceptEncoding);
    return new Response(new Uint8Array(gz ? hit.gzip! : hit.body), {
      headers: {
        'content-type': hit.type,
        'cache-control': hit.immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
        vary: 'accept-encoding',
        ...(gz ? { 'content-encoding': 'gzip' } : {}),
      },
    });
  };
}

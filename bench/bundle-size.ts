// The JavaScript a citizen's phone downloads to open the submission page (/{tenant}/submit): the
// entry script of dist/portal/index.html and every chunk it imports statically (lazy pages are
// not loaded there). Prints raw and gzip sizes and fails above the 35 KB gzip budget (issue 4).
// Run after `vite build --config portal/vite.config.ts`:  npx tsx bench/bundle-size.ts
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { constants, gzipSync } from 'node:zlib';

const BUDGET_GZIP = 35 * 1024;
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const DIST = join(ROOT, 'dist/portal');

const html = join(DIST, 'index.html');
if (!existsSync(html)) {
  console.error(
    'dist/portal/index.html not found: run `npx vite build --config portal/vite.config.ts` first',
  );
  process.exit(2);
}

/** /portal/assets/x.js → dist/portal/assets/x.js */
const fileOf = (url: string) => join(DIST, url.replace(/^\/portal\//, ''));

const page = readFileSync(html, 'utf8');
const entries = [
  ...page.matchAll(/<script[^>]+type="module"[^>]+src="([^"]+)"/g),
  ...page.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+)"/g),
].map((m) => fileOf(m[1]!));

// Static imports only: `from"./x.js"` and `import"./x.js"`; `import("./x.js")` is a lazy page.
const STATIC = /\bfrom\s*["'](\.\/[^"']+\.js)["']|\bimport\s*["'](\.\/[^"']+\.js)["']/g;
const seen = new Set<string>();
const queue = [...entries];
while (queue.length) {
  const file = queue.shift()!;
  if (seen.has(file)) continue;
  seen.add(file);
  const code = readFileSync(file, 'utf8');
  for (const m of code.matchAll(STATIC)) queue.push(join(dirname(file), m[1] ?? m[2]!));
}

const kb = (n: number) => `${(n / 1024).toFixed(2)} KB`;
let raw = 0;
let gz6 = 0;
let gz9 = 0;
const rows: string[] = [];
for (const file of seen) {
  const bytes = readFileSync(file);
  const a = gzipSync(bytes).byteLength;
  const b = gzipSync(bytes, { level: constants.Z_BEST_COMPRESSION }).byteLength;
  raw += bytes.byteLength;
  gz6 += a;
  gz9 += b;
  rows.push(`| ${file.slice(DIST.length + 1)} | ${kb(bytes.byteLength)} | ${kb(a)} | ${kb(b)} |`);
}
const css = [...page.matchAll(/<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"/g)].map((m) =>
  readFileSync(fileOf(m[1]!)),
);
const cssGz = css.reduce((n, b) => n + gzipSync(b).byteLength, 0);

console.log('JavaScript loaded by the submission page (/{tenant}/submit):\n');
console.log('| file | raw | gzip -6 | gzip -9 |');
console.log('|---|---|---|---|');
for (const r of rows) console.log(r);
console.log(`| **total** | ${kb(raw)} | **${kb(gz6)}** | ${kb(gz9)} |`);
console.log(`\nCSS (not counted in the budget): ${kb(cssGz)} gzip`);
console.log(
  `Budget: ${kb(BUDGET_GZIP)} gzip → ${gz6 <= BUDGET_GZIP ? 'within' : 'OVER'} (${kb(BUDGET_GZIP - gz6)} to spare)`,
);
if (gz6 > BUDGET_GZIP) process.exit(1);

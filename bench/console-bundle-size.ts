// The JavaScript a clerk's browser downloads to open the staff console (/console/): the entry script
// of dist/console/index.html and every chunk it imports statically, against the 150 KB gzip budget
// (issue 5). Also lists what each lazy page adds when it is first opened (its chunk and the static
// imports not already loaded), so a heavy page shows up here before it shows up on a clerk's screen.
// Run after `npx vite build --config web/vite.config.ts`:  npx tsx bench/console-bundle-size.ts
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const BUDGET_GZIP = 150 * 1024;
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const DIST = join(ROOT, 'dist/console');

const html = join(DIST, 'index.html');
if (!existsSync(html)) {
  console.error('dist/console/index.html not found: run `npx vite build --config web/vite.config.ts` first');
  process.exit(2);
}

/** /console/assets/x.js → dist/console/assets/x.js */
const fileOf = (url: string) => join(DIST, url.replace(/^\/console\//, ''));
const page = readFileSync(html, 'utf8');
const entries = [
  ...page.matchAll(/<script[^>]+type="module"[^>]+src="([^"]+)"/g),
  ...page.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+)"/g),
].map((m) => fileOf(m[1]!));

// Static imports: `from"./x.js"` and `import"./x.js"`; `import("./x.js")` is a lazy page.
// (The minifier may quote with backticks.)
const STATIC = /\bfrom\s*["'`](\.\/[^"'`]+\.js)["'`]|\bimport\s*["'`](\.\/[^"'`]+\.js)["'`]/g;
const LAZY = /\bimport\(\s*["'`](\.\/[^"'`]+\.js)["'`]\s*\)/g;

/** A file and everything it imports statically, minus what is already loaded. */
function closure(starts: string[], loaded: Set<string> = new Set()): Set<string> {
  const seen = new Set<string>();
  const queue = [...starts];
  while (queue.length) {
    const file = queue.shift()!;
    if (seen.has(file) || loaded.has(file)) continue;
    seen.add(file);
    const code = readFileSync(file, 'utf8');
    for (const m of code.matchAll(STATIC)) queue.push(join(dirname(file), m[1] ?? m[2]!));
  }
  return seen;
}

const gz = (file: string) => gzipSync(readFileSync(file)).byteLength;
const raw = (file: string) => readFileSync(file).byteLength;
const kb = (n: number) => `${(n / 1024).toFixed(2)} KB`;
const sum = (files: Iterable<string>, f: (x: string) => number) => [...files].reduce((n, x) => n + f(x), 0);

const initial = closure(entries);
const initialGz = sum(initial, gz);

console.log('JavaScript loaded by the first page of the console (/console/, the login page):\n');
console.log('| file | raw | gzip |');
console.log('|---|---|---|');
for (const f of initial) console.log(`| ${f.slice(DIST.length + 1)} | ${kb(raw(f))} | ${kb(gz(f))} |`);
console.log(`| **total** | ${kb(sum(initial, raw))} | **${kb(initialGz)}** |`);

// Lazy pages referenced from the initial code, each with what it adds on first open.
const lazy = new Set<string>();
for (const f of initial)
  for (const m of readFileSync(f, 'utf8').matchAll(LAZY)) lazy.add(join(dirname(f), m[1]!));
const rows = [...lazy]
  .map((f) => {
    const adds = closure([f], initial);
    return {
      name: f
        .slice(DIST.length + 1)
        .replace(/^assets\//, '')
        .replace(/-[\w-]{8}\.js$/, ''),
      gz: sum(adds, gz),
    };
  })
  .sort((a, b) => b.gz - a.gz);
console.log('\nWhat each lazy page adds when first opened (its chunk and shared chunks not yet loaded):\n');
console.log('| page | gzip |');
console.log('|---|---|');
for (const r of rows) console.log(`| ${r.name} | ${kb(r.gz)} |`);
const heaviest = rows[0];
if (heaviest)
  console.log(`\nHeaviest first screen: initial + ${heaviest.name} = ${kb(initialGz + heaviest.gz)} gzip`);

const css = [...page.matchAll(/<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"/g)].map((m) => fileOf(m[1]!));
console.log(`CSS (not counted in the budget): ${kb(sum(css, gz))} gzip`);
console.log(
  `Budget: ${kb(BUDGET_GZIP)} gzip for the initial JavaScript → ${initialGz <= BUDGET_GZIP ? 'within' : 'OVER'} (${kb(BUDGET_GZIP - initialGz)} to spare)`,
);
if (initialGz > BUDGET_GZIP) process.exit(1);

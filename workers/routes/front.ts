// Serves the built front ends: the console at /console/, each county's portal at /{tenant}/ (one
// single-page app for all counties; it reads its county from the path) and the list of counties at /.
import { Hono } from 'hono';
import type { AppEnv } from '../api/context';
import { listPublicTenants } from '../services/tenancy';

export type AssetReader = (path: string, acceptEncoding?: string) => Promise<Response | null>;

const esc = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!,
  );

const NOT_BUILT =
  '<!doctype html><meta charset="utf-8"><title>民声</title><p>前端尚未构建：请先运行 <code>npm run build:front</code>。</p>';

async function spa(
  assets: AssetReader | undefined,
  path: string,
  index: string,
  enc = '',
): Promise<Response> {
  if (!assets)
    return new Response(NOT_BUILT, { status: 503, headers: { 'content-type': 'text/html; charset=utf-8' } });
  const hit = path.includes('.') ? await assets(path, enc) : null;
  if (hit) return hit;
  if (path.includes('.') && /\.(js|css|png|svg|woff2?|ico|json|map)$/.test(path)) {
    return new Response('Not found', { status: 404 });
  }
  const page = await assets(index, enc);
  return (
    page ?? new Response(NOT_BUILT, { status: 503, headers: { 'content-type': 'text/html; charset=utf-8' } })
  );
}

export function frontEndRoutes(assets?: AssetReader) {
  return (
    new Hono<AppEnv>()
      .get('/', async (c) => {
        const tenants = await listPublicTenants(c.get('deps').db);
        const items = tenants.map((t) => `<li><a href="/${esc(t.slug)}/">${esc(t.name)}</a></li>`).join('');
        return c.html(`<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>民声 · 网上信访与问政</title>
<style>body{font:16px/1.7 system-ui,"PingFang SC","Microsoft YaHei",sans-serif;margin:0;background:#f6f7f9;color:#1d2733}header{background:#8a1c1c;color:#fff;padding:20px}main{max-width:640px;margin:0 auto;padding:16px}a{color:#8a1c1c;font-size:18px}a:focus-visible{outline:3px solid #1a56db}li{margin:10px 0}</style></head>
<body><header><h1 style="margin:0;font-size:22px">民声 · 网上信访与问政</h1></header><main><h2>请选择您所在的县（区）</h2><ul>${items || '<li>暂无开通的县区</li>'}</ul>
<p><a href="/console/">工作人员登录</a></p></main></body></html>`);
      })
      .get('/console', (c) => c.redirect('/console/'))
      .get('/console/*', (c) =>
        spa(assets, c.req.path, '/console/index.html', c.req.header('accept-encoding')),
      )
      .get('/portal/*', (c) => spa(assets, c.req.path, '/portal/index.html', c.req.header('accept-encoding')))
      .get('/favicon.ico', () => new Response(null, { status: 204 }))
      .get('/:tenant{[a-z0-9-]{2,40}}', (c) => c.redirect(`/${c.req.param('tenant')}/`))
      .get('/:tenant{[a-z0-9-]{2,40}}/*', (c) =>
        spa(assets, '/portal/index.html', '/portal/index.html', c.req.header('accept-encoding')),
      )
      // an address typed or printed with capitals (/DEMO/, /Demo/track): the county's own, lower case
      .get('/:tenant{[A-Za-z0-9-]{2,40}}/*', (c) => lowerCounty(c.req.url))
      .get('/:tenant{[A-Za-z0-9-]{2,40}}', (c) => lowerCounty(c.req.url))
  );
}

function lowerCounty(href: string): Response {
  const url = new URL(href);
  const [, first = '', ...rest] = url.pathname.split('/');
  const path = `/${first.toLowerCase()}/${rest.join('/')}`;
  return new Response(null, { status: 301, headers: { location: `${path}${url.search}` } });
}

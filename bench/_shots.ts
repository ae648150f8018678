import { chromium } from 'playwright-core';
const BASE = 'http://localhost:8799';
const pages: [string, string, string, number][] = (JSON.parse(process.argv[2]!) as any);
async function main() {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
  const byUser = new Map<string, any>();
  for (const [user, path, name, width] of pages) {
    const key = `${user}:${width}`;
    let ctx = byUser.get(key);
    if (!ctx) {
      ctx = await browser.newContext({ viewport: { width, height: width < 600 ? 800 : 900 }, locale: 'zh-CN', deviceScaleFactor: 1 });
      byUser.set(key, ctx);
      if (user !== 'anon') {
        const p = await ctx.newPage();
        await p.goto(`${BASE}/console/login`);
        await p.getByLabel('登录名').fill(user);
        await p.getByLabel('密码').fill(user === 'root' ? 'Root#2026pass' : 'Demo@2026');
        await p.getByRole('button', { name: '登录' }).click();
        await p.waitForTimeout(1500);
        await p.close();
      }
    }
    const p = await ctx.newPage();
    const errs: string[] = [];
    p.on('console', (m: any) => { if (m.type() === 'error') errs.push(m.text()); });
    const t0 = Date.now();
    await p.goto(BASE + path, { waitUntil: 'networkidle' });
    await p.waitForTimeout(800);
    await p.screenshot({ path: `/tmp/shot/png/${name}.png`, fullPage: true });
    console.log(name, Date.now() - t0, 'ms', errs.join(' | '));
    await p.close();
  }
  await browser.close();
}
main();

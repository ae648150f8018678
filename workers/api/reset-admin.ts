// `npm run admin:reset [login]`: a new one-time password for the platform admin, printed here, on
// the server's own machine, for an operator who lost the first one. Uses the same DATABASE_URL
// (and DATABASE_AUTH_TOKEN) as the server and may run while it runs.
import { openLibsql } from '../../db/client';
import { migrateLibsql } from '../../db/migrate';
import { AppError } from '../lib/errors';
import { systemClock } from '../lib/clock';
import { resetPlatformAdmin } from '../services/bootstrap';
import { ConfigError, loadConfig } from './config';
import type { AppDeps } from './context';

async function main() {
  const config = loadConfig(process.env);
  const handle = await openLibsql({ url: config.DATABASE_URL, authToken: config.DATABASE_AUTH_TOKEN });
  try {
    await migrateLibsql(handle.db);
    const deps = {
      db: handle.db,
      clock: systemClock,
      passwordIterations: config.PASSWORD_ITERATIONS,
    } as AppDeps;
    const r = await resetPlatformAdmin(deps, process.argv[2]);
    process.stdout.write(
      `\n  平台管理员账号 (platform admin): ${r.login}\n  新的一次性密码 (new one-time password): ${r.password}\n  登录后须立即修改；该账号原有的登录会话已全部结束。\n\n`,
    );
  } finally {
    await handle.close();
  }
}

main().catch((e) => {
  const message = e instanceof ConfigError || e instanceof AppError ? e.message : (e?.stack ?? String(e));
  process.stderr.write(`重置失败 (reset failed): ${message}\n`);
  process.exit(e instanceof ConfigError || e instanceof AppError ? 2 : 1);
});

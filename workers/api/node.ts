// Node entry: embedded libSQL file by default, migrations at start, the demo county on an empty
// database, the built front ends, a timer for the deadline sweep, and a clean stop on SIGTERM.
import cluster from 'node:cluster';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Duplex, Readable } from 'node:stream';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { sql } from 'drizzle-orm';
import { openLibsql } from '../../db/client';
import { migrateLibsql } from '../../db/migrate';
import { type Clock, systemClock } from '../lib/clock';
import { nodeFileStore } from '../lib/files-node';
import { jsonLogger } from '../lib/logger';
import { randomString } from '../lib/ids';
import { errorBody } from '../lib/errors';
import { ensurePlatformAdmin } from '../services/bootstrap';
import { createApp } from './app';
import { ConfigError, loadConfig, type Config } from './config';
import type { AppDeps } from './context';
import { nodeAssetReader } from './node-assets';
import { demoIncomplete, seedDemo } from '../../db/seed/demo';
import { runSweepAllTenants } from '../services/sweep';
import { removeStrayFiles } from '../services/portal/attachments';
import { DAY_MS } from '../domain/calendar';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

async function sessionSecret(config: Config, dataDir: string): Promise<string> {
  if (config.SESSION_SECRET) return config.SESSION_SECRET;
  const file = join(dataDir, 'session-secret');
  try {
    return (await readFile(file, 'utf8')).trim();
  } catch {
    const secret = randomString(48);
    await mkdir(dataDir, { recursive: true });
    await writeFile(file, secret, { mode: 0o600 });
    return secret;
  }
}

/** A start that cannot go on for a reason the operator can fix: one line, exit code 2. */
export class StartupError extends Error {}

/**
 * Creates `dir` if need be and writes and removes a file in it: a folder that cannot be made (a
 * file in the way, a missing mount) or written (permissions, a read-only or full disk) stops the
 * start with its reason, not a stack, and not at the first citizen's upload.
 */
async function writableDir(dir: string, what: string) {
  const probe = join(dir, `.write-test-${process.pid}`);
  try {
    await mkdir(dir, { recursive: true });
    await writeFile(probe, '');
    await rm(probe, { force: true });
  } catch (e) {
    throw new StartupError(
      `${what} ${dir} 无法写入：${rootCause(e)}（请检查路径和权限，以及磁盘是否只读或已满）`,
    );
  }
}

/** How long, and how much of, a refused request's remaining body is read and thrown away. */
export const LINGER = { idleMs: 10_000, totalMs: 120_000, maxBytes: 256 * 1024 * 1024 };

/**
 * Reads and drops (counts, never keeps) what `from` still sends until it ends; a sender that
 * stops for idleMs, or keeps on past totalMs or maxBytes, is cut off with `cut`.
 */
function dropRest(from: Readable, cut: () => void, limits: typeof LINGER) {
  let bytes = 0;
  const stop = () => {
    clearTimeout(idle);
    clearTimeout(total);
    from.off('data', onData);
    from.off('end', stop);
    from.off('close', stop);
  };
  const giveUp = () => {
    stop();
    cut();
  };
  const idle = setTimeout(giveUp, limits.idleMs).unref();
  const total = setTimeout(giveUp, limits.totalMs).unref();
  const onData = (chunk: Buffer) => {
    bytes += chunk.length;
    if (bytes > limits.maxBytes) giveUp();
    else idle.refresh();
  };
  from.on('data', onData);
  from.once('end', stop);
  from.once('close', stop);
  from.resume();
}

/**
 * An answer can go out before its request's body has all arrived: a 413 decided on the declared
 * length, hono's bodyLimit stopping a chunked body past 12 MB, a 401 or 403 on a POST. The client
 * is then still sending, and reads the answer only when it has sent everything (a browser) or
 * when its next write fails. So the rest of the body is read and dropped until it ends, and the
 * connection stays usable. @hono/node-server's own clean-up gave the client 500 ms and 64 MB and
 * then closed the socket: the close under a client still sending went out as a reset, which
 * throws away the answer it had not read yet (a citizen's 12 MB photo got a network error, not
 * 文件不能超过 10 MB).
 */
export function discardUnreadBody(req: IncomingMessage, limits = LINGER) {
  if (req.readableEnded || req.destroyed) return;
  // A body stream the app stopped reading (hono's bodyLimit past its limit) is still listening:
  // it would queue every further chunk in memory. Node's own dump of an unread body does the same.
  req.removeAllListeners('data');
  dropRest(req, () => req.socket.destroy(), limits);
}

const answered = Symbol('answered');

/**
 * Bytes Node's parser cannot take as HTTP never reach the app: a Content-Length that lied low
 * leaves the rest of the body to be read as a next request, a head over 16 KB, a head too slow.
 * Node's own answer is a bare 400 and an immediate close, which under a client still sending is
 * a reset that loses the answer. This one is in the one error shape; the connection closes once
 * the client has stopped sending (what it sends meanwhile is dropped, within LINGER).
 */
export function answerClientError(err: NodeJS.ErrnoException, socket: Duplex, limits = LINGER) {
  const s = socket as Duplex & { [answered]?: boolean; _httpMessage?: { headersSent: boolean } };
  if (s[answered]) return; // the parser refuses each further chunk: answered once
  if (err.code === 'ECONNRESET' || !s.writable || s._httpMessage?.headersSent) return void s.destroy();
  s[answered] = true;
  const [status, message] =
    err.code === 'HPE_HEADER_OVERFLOW'
      ? ([431, '请求头过大'] as const)
      : err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? ([408, '请求超时，请重试'] as const)
        : ([400, '请求格式有误'] as const);
  const body = JSON.stringify(errorBody('VALIDATION', message, randomString(16)));
  s.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\ncontent-type: application/json; charset=UTF-8\r\n` +
      `content-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
  );
  s.once('end', () => s.destroy());
  dropRest(s, () => s.destroy(), limits);
}

type Listening = ReturnType<typeof serve> & {
  /**
   * Stops taking connections and lets the open ones finish what they carry: each answer from now
   * on says `connection: close` and its connection closes behind it, idle ones close at once.
   * Without it a client that keeps its connection busy (a console polling, a phone resending) was
   * served on and on after SIGTERM, and the stop waited for it until the forced exit.
   */
  drain(): Promise<void>;
};

/** Serves `fetch` once the port is really bound; a bind error rejects instead of crashing later. */
function listen(fetch: Parameters<typeof serve>[0]['fetch'], port: number, hostname?: string) {
  return new Promise<Listening>((done, fail) => {
    // the unread rest of a body is dropped by discardUnreadBody, not by the adapter's clean-up
    const server = serve({ fetch, port, hostname, autoCleanupIncoming: false }) as Listening;
    const open = new Set<ServerResponse>();
    let draining = false;
    const closeAfter = (res: ServerResponse) => {
      if (!res.headersSent) res.setHeader('connection', 'close');
    };
    server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      if (draining) closeAfter(res);
      open.add(res);
      res.once('close', () => open.delete(res));
      res.once('finish', () => {
        open.delete(res);
        discardUnreadBody(req);
      });
    });
    server.drain = () =>
      new Promise<void>((r) => {
        draining = true;
        for (const res of open) closeAfter(res);
        server.close(() => r());
        (server as { closeIdleConnections?: () => void }).closeIdleConnections?.();
      });
    server.on('clientError', answerClientError);
    server.once('error', fail);
    server.once('listening', () => {
      server.off('error', fail);
      done(server);
    });
  });
}

/** The innermost reason of an error chain (error.cause), as one line. */
function rootCause(e: unknown): string {
  let x = e;
  for (let i = 0; i < 10 && x instanceof Error && x.cause != null; i++) x = x.cause;
  const text =
    x instanceof Error ? `${(x as NodeJS.ErrnoException).code ?? x.name}: ${x.message}` : String(x);
  return text.split('\n')[0]!;
}

/** A database URL fit for a log line: no password or token in it. */
function withoutSecrets(url: string): string {
  return url.replace(/\/\/[^@/]*@/, '//***@').replace(/([?&](?:authToken|token)=)[^&]*/gi, '$1***');
}

export interface StartOptions {
  /** serve HTTP (a cluster primary does not: its workers do) */
  http?: boolean;
  /** seed the demo county and run the sweep timer (only one process of a cluster does) */
  background?: boolean;
  /** the system clock unless a test moves it (a server that was down over its deadlines) */
  clock?: Clock;
}

export async function start(env: Record<string, string | undefined> = process.env, opts: StartOptions = {}) {
  const http = opts.http ?? true;
  const background = opts.background ?? true;
  const config = loadConfig(env);
  const logger = jsonLogger(undefined, config.LOG_LEVEL);
  const fileUrl = config.DATABASE_URL.startsWith('file:') ? config.DATABASE_URL.slice(5) : null;
  const dataDir = fileUrl ? dirname(resolve(fileUrl)) : resolve('data');
  if (fileUrl) await writableDir(dataDir, '数据目录');
  const filesDir = resolve(config.FILES_DIR);
  await writableDir(filesDir, '附件目录（FILES_DIR）');
  let handle: Awaited<ReturnType<typeof openLibsql>>;
  try {
    handle = await openLibsql({
      url: config.DATABASE_URL,
      authToken: config.DATABASE_AUTH_TOKEN,
      onCheckpointError: (error) => logger.log('warn', 'WAL checkpoint failed', { error }),
    });
    await migrateLibsql(handle.db);
  } catch (e) {
    // drizzle's "Failed query: CREATE TABLE …" keeps the driver's reason (ENOTFOUND, 401, a
    // read-only file) in its cause: that reason is what the operator needs
    throw new StartupError(`无法打开数据库 ${withoutSecrets(config.DATABASE_URL)}：${rootCause(e)}`);
  }
  try {
    // A read-only file (its permissions, an immutable flag, a disk remounted read-only) opens and
    // migrates when nothing is new, then every write would fail: a no-op write finds out now.
    await handle.db.run(sql`DELETE FROM __drizzle_migrations WHERE 0`);
  } catch (e) {
    await handle.close();
    throw new StartupError(
      `数据库 ${withoutSecrets(config.DATABASE_URL)} 不能写入：${rootCause(e)}（请检查数据库文件及其目录的权限，以及磁盘是否只读或已满）`,
    );
  }
  const deps: AppDeps = {
    db: handle.db,
    clock: opts.clock ?? systemClock,
    files: nodeFileStore(filesDir),
    logger,
    secret: await sessionSecret(config, dataDir),
    passwordIterations: config.PASSWORD_ITERATIONS,
    secureCookies: config.SECURE_COOKIES ?? false,
    runtime: 'node',
    captcha: { disabled: config.PORTAL_CAPTCHA === false },
    trustProxy: config.TRUST_PROXY === true,
  };
  const app = createApp(deps, { assets: nodeAssetReader(join(ROOT, 'dist')) });
  // Listen before anything is written: a port in use stops the start here, before a first
  // admin's one-time password is printed and lost in a crash.
  let server: Listening | null = null;
  if (http) {
    try {
      server = await listen(app.fetch, config.PORT, config.HOST);
    } catch (e) {
      await handle.close();
      const code = (e as NodeJS.ErrnoException)?.code;
      if (code === 'EADDRINUSE')
        throw new StartupError(`端口 ${config.PORT} 已被占用：请停止占用它的程序，或用 PORT=… 换一个端口`);
      if (code === 'EACCES')
        throw new StartupError(
          `没有权限使用端口 ${config.PORT}：1024 以下的端口需要管理员权限，请换一个端口`,
        );
      throw e;
    }
    logger.log('info', 'listening', {
      url: `http://localhost:${config.PORT}`,
      database: handle.driver,
      pid: process.pid,
    });
  }
  const admin = await ensurePlatformAdmin(deps, config.ADMIN_LOGIN, config.ADMIN_PASSWORD);
  if (admin?.generatedPassword) {
    // Printed once, to the operator's terminal only; it is not written to the log stream.
    process.stderr.write(
      `\n  平台管理员账号 (platform admin): ${admin.login}\n  初始密码 (initial password, shown once): ${admin.generatedPassword}\n\n`,
    );
  }
  const seedSignal = { stopped: false };
  let seeding: Promise<unknown> = Promise.resolve();
  if (background && config.SEED_DEMO !== false) {
    const seeded = await seedDemo(deps, { signal: seedSignal, count: config.DEMO_CASES });
    if (seeded) {
      logger.log('info', 'demo county created; generating its cases in the background', {
        tenant: seeded.tenant,
        units: seeded.units,
        users: seeded.users,
      });
      seeding = seeded.cases
        .then((r) => logger.log('info', 'demo cases generated', { ...r }))
        .catch((e) => logger.log('error', 'demo seeding failed', { error: String(e) }));
    } else if (await demoIncomplete(deps)) {
      logger.log(
        'warn',
        '演示县（demo）的数据上次未生成完（生成时进程被停止）；如需完整的演示数据，请在空数据库上重新启动',
        {
          database: withoutSecrets(config.DATABASE_URL),
        },
      );
    }
  }

  const sweep = async (optimize: boolean) => {
    try {
      await runSweepAllTenants(deps);
    } catch (e) {
      logger.log('error', 'sweep failed', { error: String(e) });
    }
    if (!optimize) return;
    try {
      // The planner's statistics follow the data as it grows. Not at start: a new database (the
      // demo county is written in its first seconds) would be measured empty.
      await handle.optimize?.();
    } catch (e) {
      logger.log('warn', 'PRAGMA optimize failed', { error: String(e) });
    }
  };
  const timer =
    background && config.SWEEP_INTERVAL_SECONDS > 0
      ? setInterval(() => sweep(true), config.SWEEP_INTERVAL_SECONDS * 1000)
      : null;
  // the catch-up after the server was down: overdue flags, 超期未评 and reminders it missed
  const caughtUp = background ? sweep(false) : Promise.resolve();
  // bytes of uploads whose row was never written (the process was killed between the two): after
  // the catch-up, and once a day
  const strays = async () => {
    try {
      const removed = await removeStrayFiles(deps);
      if (removed) logger.log('info', 'stray attachment files removed', { removed });
    } catch (e) {
      logger.log('warn', 'stray file check failed', { error: String(e) });
    }
  };
  const strayTimer = background ? setInterval(strays, DAY_MS).unref() : null;
  const strayCheck = background ? caughtUp.then(strays) : Promise.resolve();

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.log('info', 'stopping', { signal, checkpoints: handle.checkpointer?.stats() });
    if (timer) clearInterval(timer);
    if (strayTimer) clearInterval(strayTimer);
    await strayCheck;
    seedSignal.stopped = true;
    await seeding;
    // stops accepting and waits for in-flight requests to finish
    if (server) await server.drain();
    await handle.close();
    logger.log('info', 'stopped', {});
  };
  return { app, deps, server, stop, config, seeding, caughtUp, strayCheck, handle };
}

/**
 * SIGTERM and SIGINT are taken from the very start: a signal while the start is still under way
 * (migrating, writing the admin or the demo county, with the port already answering) lets it
 * finish and then stops as any other time, instead of killing the process mid-write with
 * requests in flight. `onStop` names what to do once the start is done.
 */
function stopSignals() {
  let handler: ((signal: string) => void) | null = null;
  let pending: string | null = null;
  for (const sig of ['SIGTERM', 'SIGINT'] as const)
    process.once(sig, () => {
      if (handler) handler(sig);
      else pending = sig;
    });
  return (onStop: (signal: string) => void) => {
    handler = onStop;
    if (pending) onStop(pending);
  };
}

/**
 * WEB_CONCURRENCY=N (N > 1) runs N HTTP processes sharing the port (node:cluster) over the same
 * SQLite file in WAL: the primary migrates, seeds and sweeps; the workers only serve. SQLite
 * serializes the writes; everything around them (HTTP, JSON, validation, hashing) runs in parallel.
 */
async function main() {
  const onStop = stopSignals();
  const processes = Math.max(1, Number(process.env.WEB_CONCURRENCY ?? 1) || 1);
  if (processes > 1 && cluster.isPrimary) {
    const primary = await start(process.env, { http: false, background: true });
    const workers = Array.from({ length: processes }, () => cluster.fork());
    let stopping = false;
    cluster.on('exit', (w, code) => {
      if (!stopping) {
        primary.deps.logger.log('error', 'worker exited; starting another', { pid: w.process.pid, code });
        workers.push(cluster.fork());
      }
    });
    onStop(async (sig) => {
      if (stopping) return;
      stopping = true;
      setTimeout(() => process.exit(1), 10_000).unref();
      await Promise.all(
        workers
          .filter((w) => !w.isDead())
          .map(
            (w) =>
              new Promise((r) => {
                w.once('exit', r);
                w.process.kill('SIGTERM');
              }),
          ),
      );
      await primary.stop(sig);
      process.exit(0);
    });
    return;
  }
  const { stop } = await start(process.env, { http: true, background: !cluster.isWorker });
  onStop((sig) => {
    stop(sig).then(() => process.exit(0));
    setTimeout(() => process.exit(1), 10_000).unref();
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((e) => {
    if (e instanceof ConfigError || e instanceof StartupError) {
      process.stderr.write(`${e.message}\n`);
      process.exit(2);
    }
    process.stderr.write(`启动失败 (failed to start): ${e?.stack ?? e}\n`);
    process.exit(1);
  });
}

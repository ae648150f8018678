// WAL checkpoints off the event loop. SQLite normally copies the write-ahead log back into the
// database file inside whichever COMMIT crosses 1,000 pages, fsync included: on the one thread that
// also answers every request, that was a tenth of the cost of a submission and the source of its
// worst latencies. Here a worker thread with its own connection checkpoints every few dozen
// milliseconds (PASSIVE: it never waits for, nor blocks, the writer), and the request thread's own
// automatic checkpoint is kept only as a backstop should the worker fall far behind or stop.
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** Pages in the WAL before the request thread checkpoints itself (the backstop): 80 MB. */
export const BACKSTOP_PAGES = 20_000;

export interface CheckpointStats {
  checkpoints: number;
  /** frames in the WAL at the last checkpoint */
  lastLogFrames: number;
  largestLogFrames: number;
}

export interface Checkpointer {
  stats(): CheckpointStats;
  stop(): Promise<void>;
}

// Plain CommonJS run by the worker: it cannot import the app's TypeScript.
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.libsqlPath);
const db = new Database(workerData.path);
db.exec('PRAGMA busy_timeout = 100');
const passive = db.prepare('PRAGMA wal_checkpoint(PASSIVE)');
const restart = db.prepare('PRAGMA wal_checkpoint(RESTART)');
let timer = null;
const tick = () => {
  try {
    let r = passive.all()[0];
    // Under steady writes the log may never be entirely copied at the moment a writer starts, so
    // it is never rewound; past a few thousand pages, wait briefly for a moment to rewind it.
    if (r && r.log > workerData.restartPages) r = restart.all()[0] || r;
    if (r) parentPort.postMessage({ log: r.log, checkpointed: r.checkpointed });
  } catch (e) {
    parentPort.postMessage({ error: String(e && e.message || e) });
  }
  timer = setTimeout(tick, workerData.intervalMs);
};
timer = setTimeout(tick, workerData.intervalMs);
parentPort.on('message', (m) => {
  if (m === 'stop') {
    clearTimeout(timer);
    try { db.close(); } catch {}
    parentPort.close();
  }
});
`;

export function startCheckpointer(
  path: string,
  opts: { intervalMs?: number; restartPages?: number; onError?: (message: string) => void } = {},
): Checkpointer {
  const require = createRequire(import.meta.url);
  const stats: CheckpointStats = { checkpoints: 0, lastLogFrames: 0, largestLogFrames: 0 };
  const worker = new Worker(WORKER, {
    eval: true,
    workerData: {
      libsqlPath: require.resolve('libsql'),
      path,
      intervalMs: opts.intervalMs ?? 50,
      restartPages: opts.restartPages ?? 4_000,
    },
  });
  worker.unref();
  worker.on('message', (m: { log?: number; error?: string }) => {
    if (m.error) return opts.onError?.(m.error);
    stats.checkpoints++;
    stats.lastLogFrames = m.log ?? 0;
    stats.largestLogFrames = Math.max(stats.largestLogFrames, stats.lastLogFrames);
  });
  worker.on('error', (e) => opts.onError?.(String(e)));
  return {
    stats: () => ({ ...stats }),
    async stop() {
      const exited = new Promise<void>((r) => worker.once('exit', () => r()));
      worker.postMessage('stop');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 2_000))]);
      await worker.terminate();
    },
  };
}

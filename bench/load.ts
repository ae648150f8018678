// A small closed-loop HTTP load generator for loopback benchmarks: N concurrent clients, each
// sending its next request when the previous answered, for a fixed time. Each connection may be
// bound to its own loopback address (127.x.y.z) so per-address rate limits see many citizens.
import http from 'node:http';

export interface LoadResult {
  requests: number;
  errors: number;
  statuses: Record<number, number>;
  seconds: number;
  rps: number;
  p50: number;
  p90?: number;
  p99: number;
  max: number;
}

export interface LoadOptions {
  port: number;
  concurrency: number;
  seconds: number;
  /** builds request i: method, path, headers, body */
  request: (i: number) => { method: string; path: string; headers?: Record<string, string>; body?: string };
  /** requests per connection before it is closed and a new one opened (from another address) */
  perConnection?: number;
  localAddress?: (connection: number) => string;
}

function percentile(sorted: number[], p: number) {
  if (!sorted.length) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

// Connections are numbered across runs, so a later run never reuses an earlier run's addresses
// (and never meets the per-address limits those used up).
let connections = 0;

export async function runLoad(o: LoadOptions): Promise<LoadResult> {
  const latencies: number[] = [];
  const statuses: Record<number, number> = {};
  let errors = 0;
  let next = 0;
  const deadline = performance.now() + o.seconds * 1000;
  const started = performance.now();

  async function client() {
    while (performance.now() < deadline) {
      const agent = new http.Agent({
        keepAlive: true,
        maxSockets: 1,
        ...(o.localAddress ? { localAddress: o.localAddress(connections++) } : {}),
      });
      const per = o.perConnection ?? Number.POSITIVE_INFINITY;
      for (let k = 0; k < per && performance.now() < deadline; k++) {
        const i = next++;
        const r = o.request(i);
        const t0 = performance.now();
        try {
          const status = await new Promise<number>((resolve, reject) => {
            const headers = r.body
              ? { ...r.headers, 'content-length': String(Buffer.byteLength(r.body)) }
              : r.headers;
            const req = http.request(
              { host: '127.0.0.1', port: o.port, method: r.method, path: r.path, agent, headers },
              (res) => {
                res.resume();
                res.on('end', () => resolve(res.statusCode ?? 0));
              },
            );
            req.on('error', reject);
            // one write: headers and body leave in one segment
            req.end(r.body);
          });
          statuses[status] = (statuses[status] ?? 0) + 1;
          if (status >= 400) errors++;
        } catch {
          errors++;
        }
        latencies.push(performance.now() - t0);
      }
      agent.destroy();
    }
  }
  await Promise.all(Array.from({ length: o.concurrency }, client));
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    errors,
    statuses,
    seconds: Math.round(seconds * 100) / 100,
    rps: Math.round(latencies.length / seconds),
    p50: Math.round(percentile(latencies, 50) * 100) / 100,
    p90: Math.round(percentile(latencies, 90) * 100) / 100,
    p99: Math.round(percentile(latencies, 99) * 100) / 100,
    max: Math.round((latencies[latencies.length - 1] ?? 0) * 100) / 100,
  };
}

export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

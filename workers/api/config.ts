// Configuration from the environment, validated before anything starts, one clear message per
// wrong value.
import * as v from 'valibot';

const Bool = v.pipe(
  v.optional(v.string(), ''),
  v.check((s) => ['', '0', '1', 'true', 'false', 'yes', 'no'].includes(s.toLowerCase()), '应为 0 或 1'),
  v.transform((s) => (s === '' ? undefined : ['1', 'true', 'yes'].includes(s.toLowerCase()))),
);

const ConfigSchema = v.object({
  PORT: v.pipe(
    v.optional(v.string(), '8787'),
    v.regex(/^\d+$/, '应为 1–65535 之间的端口号'),
    v.transform(Number),
    v.number(),
    v.minValue(1, '应为 1–65535 之间的端口号'),
    v.maxValue(65535, '应为 1–65535 之间的端口号'),
  ),
  HOST: v.optional(v.string(), '0.0.0.0'),
  DATABASE_URL: v.pipe(
    v.optional(v.string(), 'file:./data/minsheng.db'),
    v.regex(
      /^(file:.+|:memory:|libsql:\/\/.+|https?:\/\/.+|wss?:\/\/.+)$/,
      '应为 file:路径、:memory:、libsql://… 或 https://…',
    ),
  ),
  DATABASE_AUTH_TOKEN: v.optional(v.string()),
  FILES_DIR: v.optional(v.string(), './data/files'),
  SESSION_SECRET: v.optional(v.pipe(v.string(), v.minLength(32, '至少 32 个字符'))),
  ADMIN_LOGIN: v.optional(
    v.pipe(v.string(), v.regex(/^[A-Za-z0-9_.@-]{2,40}$/, '只能包含字母、数字和 _ . @ -')),
  ),
  ADMIN_PASSWORD: v.optional(v.pipe(v.string(), v.minLength(8, '至少 8 位'))),
  SEED_DEMO: Bool,
  /** how many demo cases to generate for the demo county (0: the county without cases) */
  DEMO_CASES: v.pipe(
    v.optional(v.string(), '3000'),
    v.regex(/^\d{1,6}$/, '应为 0–999999 的整数'),
    v.transform(Number),
  ),
  /** the proof-of-work captcha on citizen submissions; 0 only for load tests on a trusted network */
  PORTAL_CAPTCHA: Bool,
  PASSWORD_ITERATIONS: v.pipe(
    v.optional(v.string(), '210000'),
    v.regex(/^\d+$/, '应为整数'),
    v.transform(Number),
    v.number(),
    v.minValue(10000, '不少于 10000'),
  ),
  SECURE_COOKIES: Bool,
  /** behind a reverse proxy (nginx): citizens' addresses come from X-Forwarded-For */
  TRUST_PROXY: Bool,
  LOG_LEVEL: v.optional(v.picklist(['debug', 'info', 'warn', 'error'], '应为 debug/info/warn/error'), 'info'),
  SWEEP_INTERVAL_SECONDS: v.pipe(
    v.optional(v.string(), '300'),
    v.regex(/^\d+$/, '应为整数'),
    v.transform(Number),
  ),
});

export type Config = v.InferOutput<typeof ConfigSchema>;

export class ConfigError extends Error {}

const SECRET_KEYS: ReadonlySet<string> = new Set(['SESSION_SECRET', 'ADMIN_PASSWORD', 'DATABASE_AUTH_TOKEN']);

/**
 * A Worker's vars and secrets, checked by the same rules as on Node (wrangler passes them as
 * strings beside the bindings), plus what a Worker cannot do without: SESSION_SECRET.
 */
export function loadWorkerConfig(env: Record<string, unknown>): Config {
  const strings: Record<string, string | undefined> = {};
  for (const [key, value] of Object.entries(env)) if (typeof value === 'string') strings[key] = value;
  const config = loadConfig(strings);
  if (!config.SESSION_SECRET)
    throw new ConfigError(
      '配置有误 (configuration error):\n  SESSION_SECRET 未设置：wrangler secret put SESSION_SECRET',
    );
  return config;
}

export function loadConfig(env: Record<string, string | undefined>): Config {
  const picked: Record<string, string> = {};
  for (const key of Object.keys(ConfigSchema.entries)) {
    const value = env[key];
    if (value !== undefined && value !== '') picked[key] = value;
  }
  const r = v.safeParse(ConfigSchema, picked);
  if (!r.success) {
    const shown = (key: string) => {
      const value = picked[key] ?? '';
      // a secret's value is not repeated into a log: its length says what went wrong
      return SECRET_KEYS.has(key) ? `（已隐藏，${[...value].length} 个字符）` : JSON.stringify(value);
    };
    const lines = r.issues.map(
      (i) => `  ${v.getDotPath(i) ?? '?'}=${shown(v.getDotPath(i) ?? '')}: ${i.message}`,
    );
    throw new ConfigError(`配置有误 (configuration error):\n${lines.join('\n')}`);
  }
  if (r.output.ADMIN_PASSWORD && !r.output.ADMIN_LOGIN) {
    throw new ConfigError('配置有误 (configuration error):\n  ADMIN_PASSWORD 需要与 ADMIN_LOGIN 一起设置');
  }
  return r.output;
}

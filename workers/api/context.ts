// The per-request typed context and the dependencies createApp needs; nothing here knows a runtime.
import type { Db } from '../../db/client';
import type { tenants } from '../../db/schema';
import type { Role } from '../../db/schema/tenancy';
import type { TenantSettings } from '../domain/settings';
import type { Clock } from '../lib/clock';
import type { FileStore } from '../lib/files';
import type { Logger } from '../lib/logger';

export type TenantRow = typeof tenants.$inferSelect;

export interface Actor {
  kind: 'user' | 'token' | 'citizen' | 'system';
  id: string;
  name: string;
  role: Role | 'citizen' | 'system';
  tenantId: string | null;
  unitId: string | null;
  sessionId?: string;
}

export interface AppDeps {
  db: Db;
  clock: Clock;
  files: FileStore;
  logger: Logger;
  /** secret for keyed hashes (identity keys, query secrets) */
  secret: string;
  passwordIterations: number;
  /** mark cookies Secure (behind HTTPS) */
  secureCookies: boolean;
  /** which runtime is serving, for /healthz and logs only */
  runtime: 'node' | 'workers';
  /** Node behind a reverse proxy: take the citizen's address from X-Forwarded-For / X-Real-IP */
  trustProxy?: boolean;
  /** skip the proof-of-work captcha (tests and benchmarks on a trusted loopback) */
  captcha?: { disabled?: boolean; maxNumber?: number };
}

/** What every service receives: ({ ctx, input }). */
export interface ServiceCtx {
  db: Db;
  clock: Clock;
  deps: AppDeps;
  tenant: TenantRow;
  settings: TenantSettings;
  actor: Actor;
}

export type AppEnv = {
  Variables: {
    requestId: string;
    deps: AppDeps;
    actor: Actor | null;
    tenant: TenantRow;
    settings: TenantSettings;
  };
};

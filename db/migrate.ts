// Applies db/migrations on libSQL (Node). Workers use `wrangler d1 migrations apply` on the same files.
import { fileURLToPath } from 'node:url';
import type { Db } from './client';

export const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations', import.meta.url));

export async function migrateLibsql(db: Db): Promise<void> {
  const { migrate } = await import('drizzle-orm/libsql/migrator');
  await migrate(db as never, { migrationsFolder: MIGRATIONS_DIR });
}

declare namespace Cloudflare {
  interface Env {
    DB: D1Database;
    MIGRATION_DB: D1Database;
    FILES: R2Bucket;
    TEST_MIGRATIONS: unknown;
  }
}

// Attachment bytes live outside the database: a folder on Node, R2 on Workers, memory in tests.
export interface FileStore {
  put(key: string, bytes: Uint8Array, contentType: string): Promise<void>;
  get(key: string): Promise<{ bytes: Uint8Array; contentType: string } | null>;
  delete(key: string): Promise<void>;
  /** Every stored key under `prefix`, with when it was written (ms): for finding bytes no row names. */
  list(prefix: string): AsyncIterable<StoredFile>;
}

export interface StoredFile {
  key: string;
  writtenAt: number;
}

export function memoryFileStore(): FileStore {
  const m = new Map<string, { bytes: Uint8Array; contentType: string; writtenAt: number }>();
  return {
    async put(key, bytes, contentType) {
      m.set(key, { bytes, contentType, writtenAt: Date.now() });
    },
    async get(key) {
      const f = m.get(key);
      return f ? { bytes: f.bytes, contentType: f.contentType } : null;
    },
    async delete(key) {
      m.delete(key);
    },
    async *list(prefix) {
      for (const [key, f] of [...m]) if (key.startsWith(prefix)) yield { key, writtenAt: f.writtenAt };
    },
  };
}

/** R2 (Workers). Typed structurally so this file imports no runtime. */
export function r2FileStore(bucket: R2Bucket): FileStore {
  return {
    async put(key, bytes, contentType) {
      await bucket.put(key, bytes, { httpMetadata: { contentType } });
    },
    async get(key) {
      const o = await bucket.get(key);
      if (!o) return null;
      return {
        bytes: new Uint8Array(await o.arrayBuffer()),
        contentType: o.httpMetadata?.contentType ?? 'application/octet-stream',
      };
    },
    async delete(key) {
      await bucket.delete(key);
    },
    async *list(prefix) {
      let cursor: string | undefined;
      do {
        const page = await bucket.list({ prefix, cursor });
        for (const o of page.objects) yield { key: o.key, writtenAt: o.uploaded.getTime() };
        cursor = page.truncated ? page.cursor : undefined;
      } while (cursor);
    },
  };
}

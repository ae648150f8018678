// Attachment bytes in a folder (Node entry). Keys are generated ids, never user input.
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { FileStore } from './files';

export function nodeFileStore(dir: string): FileStore {
  return {
    async put(key, bytes, contentType) {
      const file = join(dir, key);
      await mkdir(dirname(file), { recursive: true });
      await writeFile(file, bytes);
      await writeFile(`${file}.type`, contentType);
    },
    async get(key) {
      try {
        const file = join(dir, key);
        return {
          bytes: new Uint8Array(await readFile(file)),
          contentType: (await readFile(`${file}.type`, 'utf8')).trim(),
        };
      } catch {
        return null;
      }
    },
    async delete(key) {
      const file = join(dir, key);
      await rm(file, { force: true });
      await rm(`${file}.type`, { force: true });
    },
  };
}

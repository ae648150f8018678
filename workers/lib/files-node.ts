// Attachment bytes in a folder (Node entry). Keys are generated ids, never user input.
import { mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
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
    async *list(prefix) {
      // keys are folder paths: walk the folder the prefix names (its .type companions are not keys)
      const base = join(dir, prefix.slice(0, prefix.lastIndexOf('/') + 1));
      let names: string[];
      try {
        names = await readdir(base, { recursive: true });
      } catch {
        return;
      }
      for (const name of names) {
        if (name.endsWith('.type')) continue;
        const file = join(base, name);
        const key = relative(dir, file).split(sep).join('/');
        if (!key.startsWith(prefix)) continue;
        try {
          const s = await stat(file);
          if (s.isFile()) yield { key, writtenAt: s.mtimeMs };
        } catch {
          /* removed meanwhile */
        }
      }
    },
  };
}

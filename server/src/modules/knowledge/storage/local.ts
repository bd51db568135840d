/** Files on the local disk under STORAGE_DIR (relative paths start at the repository root). */
import { mkdir, readFile, rm, writeFile, rename } from 'node:fs/promises';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { ROOT_DIR } from '@qixue/config';
import { assertKey, type FileStorage, type StoredFile } from './storage';

export class LocalStorage implements FileStorage {
  readonly driver = 'local' as const;
  private readonly root: string;

  constructor(dir: string) {
    this.root = isAbsolute(dir) ? dir : resolve(ROOT_DIR, dir);
  }

  private file(key: string): string {
    return join(this.root, ...assertKey(key).split('/'));
  }

  async put(key: string, data: Buffer): Promise<void> {
    const target = this.file(key);
    await mkdir(dirname(target), { recursive: true });
    // Write then rename: a reader never sees half a file.
    const temp = `${target}.${randomBytes(4).toString('hex')}.tmp`;
    await writeFile(temp, data);
    await rename(temp, target);
  }

  async get(key: string): Promise<StoredFile | null> {
    try {
      const body = await readFile(this.file(key));
      return { body, size: body.length };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
  }

  async remove(key: string): Promise<void> {
    await rm(this.file(key), { force: true });
  }
}

/**
 * Where attachment and export files live. Keys are relative, slash-separated and chosen by the
 * server (`<tenantId>/<kind>/<id>`), never by a client.
 */
export interface StoredFile {
  body: Buffer;
  size: number;
}

export interface FileStorage {
  readonly driver: 'local' | 's3';
  put(key: string, data: Buffer, contentType: string): Promise<void>;
  get(key: string): Promise<StoredFile | null>;
  remove(key: string): Promise<void>;
}

export function assertKey(key: string): string {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*(\/[A-Za-z0-9][A-Za-z0-9._-]*)*$/.test(key) || key.includes('..')) throw new Error(`invalid storage key: ${key}`);
  return key;
}

/**
 * S3-compatible object storage (AWS S3, MinIO, Tencent COS, Aliyun OSS in S3 mode) through a small
 * AWS Signature V4 client on fetch — path-style URLs, single-request PUT/GET/DELETE.
 */
import { createHash, createHmac } from 'node:crypto';
import { AppError } from '../../../core/errors';
import { assertKey, type FileStorage, type StoredFile } from './storage';

export interface S3Options {
  endpoint?: string;
  bucket?: string;
  region: string;
  accessKeyId?: string;
  secretAccessKey?: string;
}

const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');
const hmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data).digest();
const encodeKey = (key: string) => key.split('/').map((p) => encodeURIComponent(p)).join('/');

/** Signs a request (AWS SigV4, header form). Exported for its test against AWS's published example. */
export function signV4(input: {
  method: string; url: URL; headers: Record<string, string>; payloadHash: string; region: string; accessKeyId: string; secretAccessKey: string; date: Date;
}): Record<string, string> {
  const amzDate = input.date.toISOString().replace(/[:-]|\.\d{3}/g, '');
  const day = amzDate.slice(0, 8);
  const headers: Record<string, string> = { ...input.headers, host: input.url.host, 'x-amz-date': amzDate, 'x-amz-content-sha256': input.payloadHash };
  const names = Object.keys(headers).map((h) => h.toLowerCase()).sort();
  const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), String(v).trim()]));
  const query = [...input.url.searchParams.entries()]
    .map(([k, v]) => [encodeURIComponent(k), encodeURIComponent(v)])
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
  const canonical = [input.method, input.url.pathname, query, names.map((n) => `${n}:${lower[n]}\n`).join(''), names.join(';'), input.payloadHash].join('\n');
  const scope = `${day}/${input.region}/s3/aws4_request`;
  const toSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256(canonical)].join('\n');
  const key = hmac(hmac(hmac(hmac(`AWS4${input.secretAccessKey}`, day), input.region), 's3'), 'aws4_request');
  const signature = createHmac('sha256', key).update(toSign).digest('hex');
  return { ...headers, authorization: `AWS4-HMAC-SHA256 Credential=${input.accessKeyId}/${scope}, SignedHeaders=${names.join(';')}, Signature=${signature}` };
}

export class S3Storage implements FileStorage {
  readonly driver = 's3' as const;

  constructor(private readonly options: S3Options) {}

  private async send(method: 'PUT' | 'GET' | 'DELETE', key: string, body?: Buffer, contentType?: string): Promise<Response> {
    const { endpoint, bucket, accessKeyId, secretAccessKey, region } = this.options;
    if (!endpoint || !bucket || !accessKeyId || !secretAccessKey) {
      throw new AppError(503, 'storage_not_configured', '对象存储未配置 / Object storage is not configured (S3_ENDPOINT, S3_BUCKET, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY)');
    }
    const url = new URL(`${endpoint.replace(/\/$/, '')}/${encodeURIComponent(bucket)}/${encodeKey(assertKey(key))}`);
    const headers = signV4({
      method, url, region, accessKeyId, secretAccessKey, date: new Date(), payloadHash: sha256(body ?? ''),
      headers: contentType ? { 'content-type': contentType } : {},
    });
    delete headers.host;
    return fetch(url, { method, headers, body: body ? new Uint8Array(body) : undefined });
  }

  async put(key: string, data: Buffer, contentType: string): Promise<void> {
    const res = await this.send('PUT', key, data, contentType);
    if (!res.ok) throw new Error(`S3 PUT ${key} failed: ${res.status}`);
  }

  async get(key: string): Promise<StoredFile | null> {
    const res = await this.send('GET', key);
    if (res.status === 404) return null;
    if (!res.ok) throw new Error(`S3 GET ${key} failed: ${res.status}`);
    const body = Buffer.from(await res.arrayBuffer());
    return { body, size: body.length };
  }

  async remove(key: string): Promise<void> {
    const res = await this.send('DELETE', key);
    if (!res.ok && res.status !== 404) throw new Error(`S3 DELETE ${key} failed: ${res.status}`);
  }
}

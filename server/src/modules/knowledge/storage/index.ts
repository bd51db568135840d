/** The file storage configured for this deployment: STORAGE_DRIVER=local (default) or s3. */
import type { AppDeps } from '../../../core/context';
import { onePer } from '../../../core/one-per';
import { LocalStorage } from './local';
import { S3Storage } from './s3';
import type { FileStorage } from './storage';

export type { FileStorage } from './storage';

export const storageOf = onePer(({ config: c }: AppDeps): FileStorage =>
  c.STORAGE_DRIVER === 's3'
    ? new S3Storage({ endpoint: c.S3_ENDPOINT, bucket: c.S3_BUCKET, region: c.S3_REGION, accessKeyId: c.S3_ACCESS_KEY_ID, secretAccessKey: c.S3_SECRET_ACCESS_KEY })
    : new LocalStorage(c.STORAGE_DIR));

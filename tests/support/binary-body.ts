/** supertest's parser hook for downloads (xlsx, zip, media): collects the raw bytes of the response. */
import type { TestApp } from './test-app';

type Parser = Parameters<ReturnType<TestApp['http']['get']>['parse']>[0];

export const binaryBody: Parser = (res, cb) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

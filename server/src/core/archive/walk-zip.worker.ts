/** The worker thread that walks archives (walk-zip.ts) off the server's event loop, one at a time. */
import { parentPort } from 'node:worker_threads';
import { walkZip, type WalkRequest } from './walk-zip';

parentPort!.on('message', ({ id, request }: { id: number; request: WalkRequest }) => {
  const result = walkZip(request);
  const kept = result.ok ? Object.values(result.kept).map((bytes) => bytes.buffer as ArrayBuffer) : [];
  parentPort!.postMessage({ id, result }, kept);
});

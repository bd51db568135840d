/**
 * inspectZip(): checks an uploaded ZIP archive (Office documents and workbooks are ZIPs) before
 * anything else opens it, in a worker thread, so a zip bomb costs that worker a bounded amount of
 * work and the event loop none. Refusals are 422 `unsafe_archive` (with the limit passed) or
 * 415 `invalid_archive`.
 */
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { AppError } from '../errors';
import { DEFAULT_ZIP_LIMITS, type WalkRequest, type WalkResult, type ZipLimits } from './walk-zip';

export interface InspectOptions {
  /** Entries to return, by name. */
  keep?: RegExp;
  keepBytes?: number;
  limits?: Partial<ZipLimits>;
  /** A walk that takes longer is stopped and the archive refused. */
  timeoutMs?: number;
}

const MESSAGES: Record<string, string> = {
  too_many_entries: '压缩包内文件过多 / The archive holds too many files',
  too_large_expanded: '压缩包解压后过大 / The archive expands to too much data',
  compression_ratio: '压缩包压缩比异常 / The archive is compressed suspiciously well',
  timeout: '压缩包检查超时 / Checking the archive took too long',
};

export async function inspectZip(data: Buffer, options: InspectOptions = {}): Promise<{ entries: number; expandedBytes: number; kept: Map<string, Buffer> }> {
  const limits = { ...DEFAULT_ZIP_LIMITS, ...options.limits };
  const request: WalkRequest = { data: new Uint8Array(data), limits, keep: options.keep?.source, keepBytes: options.keepBytes };
  const result = await walker.walk(request, options.timeoutMs ?? 15_000);
  if (!result.ok) {
    if (result.reason === 'invalid_archive') throw new AppError(415, 'invalid_archive', '文件已损坏，无法读取 / The file is damaged');
    throw new AppError(422, 'unsafe_archive', MESSAGES[result.reason], { reason: result.reason, limits });
  }
  return { entries: result.entries, expandedBytes: result.expandedBytes, kept: new Map(Object.entries(result.kept).map(([name, bytes]) => [name, Buffer.from(bytes)])) };
}

// The worker is TypeScript, like the server: it registers tsx's require hook before loading it.
const WORKER_BOOT = `require('tsx/cjs'); require(${JSON.stringify(join(__dirname, 'walk-zip.worker.ts'))});`;

type Outcome = WalkResult | { ok: false; reason: 'timeout' };

/**
 * One worker, started on first use (booting it costs more than a walk) and kept, unreferenced so
 * it never holds the process open. Walks queue: an upload waits for the one before it, never the
 * event loop. A walk past its time is ended with its worker; the next walk starts a new one.
 */
class ZipWalker {
  private worker: Worker | null = null;
  private nextId = 1;
  private tail: Promise<unknown> = Promise.resolve();

  walk(request: WalkRequest, timeoutMs: number): Promise<Outcome> {
    const run = this.tail.then(() => this.run(request, timeoutMs));
    this.tail = run.catch(() => undefined);
    return run;
  }

  private run(request: WalkRequest, timeoutMs: number): Promise<Outcome> {
    const worker = (this.worker ??= this.start());
    const id = this.nextId++;
    return new Promise<Outcome>((resolve, reject) => {
      const done = () => {
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onError);
      };
      const onMessage = (message: { id: number; result: WalkResult }) => {
        if (message.id !== id) return;
        done();
        resolve(message.result);
      };
      const onError = (err: Error) => {
        done();
        this.stop(worker);
        reject(err);
      };
      const timer = setTimeout(() => {
        done();
        this.stop(worker);
        resolve({ ok: false, reason: 'timeout' });
      }, timeoutMs);
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.postMessage({ id, request });
    });
  }

  private start(): Worker {
    const worker = new Worker(WORKER_BOOT, { eval: true });
    worker.unref();
    worker.once('exit', () => {
      if (this.worker === worker) this.worker = null;
    });
    return worker;
  }

  private stop(worker: Worker) {
    if (this.worker === worker) this.worker = null;
    void worker.terminate();
  }
}

const walker = new ZipWalker();

/**
 * Walks a ZIP archive entry by entry, inflating it in chunks and counting the bytes that really
 * come out — the sizes an archive declares can lie — and stops at the first limit it passes:
 * entries, total expanded size, or the ratio of an entry's expansion to its compressed size.
 * Keeps the entries the caller asks for (up to a byte budget). Runs in a worker (walk-zip.worker.ts).
 */
import { Unzip, UnzipInflate, UnzipPassThrough, type UnzipFile } from 'fflate';

export interface ZipLimits {
  maxEntries: number;
  maxExpandedBytes: number;
  /** Expanded ÷ compressed for one entry, checked once the entry has produced `ratioFloorBytes`. */
  maxRatio: number;
  ratioFloorBytes: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = { maxEntries: 2000, maxExpandedBytes: 256 * 1024 * 1024, maxRatio: 100, ratioFloorBytes: 1024 * 1024 };

export interface WalkRequest {
  data: Uint8Array;
  limits: ZipLimits;
  /** Source of a RegExp: the names of the entries to return. */
  keep?: string;
  keepBytes?: number;
}

export type ZipRefusal = 'too_many_entries' | 'too_large_expanded' | 'compression_ratio' | 'invalid_archive';

export type WalkResult =
  | { ok: true; entries: number; expandedBytes: number; kept: Record<string, Uint8Array> }
  | { ok: false; reason: ZipRefusal; entries: number; expandedBytes: number };

class Refused extends Error {
  constructor(readonly reason: ZipRefusal) {
    super(reason);
  }
}

// Small enough that one push inflates to at most ~1 MB (DEFLATE expands 1,032:1 at most), so a
// limit is noticed within a megabyte of being passed.
const CHUNK = 1024;

export function walkZip(request: WalkRequest): WalkResult {
  const { data, limits } = request;
  const keep = request.keep ? new RegExp(request.keep) : null;
  let keepBudget = request.keepBytes ?? 20 * 1024 * 1024;
  const kept: Record<string, Uint8Array> = {};
  let entries = 0;
  let expandedBytes = 0;
  let failure: unknown = null;

  const unzip = new Unzip((file: UnzipFile) => {
    if (++entries > limits.maxEntries) throw new Refused('too_many_entries');
    const compressed = file.size ?? data.length; // streamed entries do not say: measure against the archive
    const wanted = !!keep && keep.test(file.name);
    const chunks: Uint8Array[] = [];
    let produced = 0;
    file.ondata = (err, chunk, final) => {
      if (failure) return;
      try {
        if (err) throw new Refused('invalid_archive');
        produced += chunk.length;
        expandedBytes += chunk.length;
        if (expandedBytes > limits.maxExpandedBytes) throw new Refused('too_large_expanded');
        if (produced > limits.ratioFloorBytes && produced > limits.maxRatio * Math.max(compressed, 1)) throw new Refused('compression_ratio');
        if (wanted && keepBudget > 0) {
          const part = chunk.length > keepBudget ? chunk.subarray(0, keepBudget) : chunk;
          keepBudget -= part.length;
          chunks.push(part);
        }
        if (final && wanted && chunks.length) kept[file.name] = concat(chunks);
      } catch (e) {
        failure = e;
        file.terminate();
      }
    };
    file.start();
  });
  unzip.register(UnzipInflate);
  unzip.register(UnzipPassThrough);

  try {
    for (let offset = 0; offset < data.length && !failure; offset += CHUNK) {
      unzip.push(data.subarray(offset, offset + CHUNK), offset + CHUNK >= data.length);
    }
  } catch (e) {
    failure ??= e;
  }
  if (!failure && entries === 0) failure = new Refused('invalid_archive');
  if (failure) return { ok: false, reason: failure instanceof Refused ? failure.reason : 'invalid_archive', entries, expandedBytes };
  return { ok: true, entries, expandedBytes, kept };
}

function concat(chunks: Uint8Array[]): Uint8Array {
  if (chunks.length === 1) return chunks[0].slice();
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

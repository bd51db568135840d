/**
 * When two statements are "the same" (a statement sent again with its id; a signature's payload and
 * the statement it signs): equal JSON whatever the key order, without what the store sets itself,
 * timestamps compared as instants, durations to 0.01 s (xAPI 2.0 §4.2.7).
 */
import { toUtc } from './stored-time';

type Json = Record<string, unknown>;

/** PT1.2345S → PT1.23S: precision beyond hundredths of a second is not compared. */
const truncateDuration = (d: string) => d.replace(/(\d+)\.(\d{1,2})\d*S$/, '$1.$2S');

function normalise(s: Json): Json {
  const out: Json = { ...s };
  if (typeof out.timestamp === 'string') out.timestamp = toUtc(out.timestamp);
  if (typeof out.id === 'string') out.id = out.id.toLowerCase();
  const result = out.result as Json | undefined;
  if (result && typeof result.duration === 'string') out.result = { ...result, duration: truncateDuration(result.duration) };
  const object = out.object as Json | undefined;
  if (object?.objectType === 'SubStatement') out.object = normalise(object);
  return out;
}

export function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (v && typeof v === 'object') {
    return `{${Object.keys(v as Json).sort().map((k) => `${JSON.stringify(k)}:${canonicalJson((v as Json)[k])}`).join(',')}}`;
  }
  return JSON.stringify(v);
}

/** Equal apart from the listed top-level properties. */
export function sameStatement(a: Json, b: Json, ignore: string[]): boolean {
  const strip = (s: Json) => {
    const copy = normalise(s);
    for (const k of ignore) delete copy[k];
    return copy;
  };
  return canonicalJson(strip(a)) === canonicalJson(strip(b));
}

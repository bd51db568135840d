/**
 * Fuzz cases for a JSON route: wrong types, missing fields, huge strings and malformed JSON must
 * each answer 4xx in the error envelope, never 5xx; `__proto__`/`constructor` keys are stripped
 * (or refused) and pollute nothing.
 */
import { bearer, type TestApp } from './test-app';

export interface FuzzTarget {
  method: 'post' | 'put' | 'patch';
  url: string;
  token: string;
  /** A valid body; each case breaks it in one way. */
  valid: Record<string, unknown>;
}

export function fuzzBodies(valid: Record<string, unknown>): unknown[] {
  const keys = Object.keys(valid);
  const wrongTypes = keys.flatMap((k) => [42, true, null, [], {}, 'x'].filter((v) => typeof v !== typeof valid[k] || Array.isArray(v) !== Array.isArray(valid[k])).map((v) => ({ ...valid, [k]: v })));
  const huge = keys.filter((k) => typeof valid[k] === 'string').map((k) => ({ ...valid, [k]: '长'.repeat(30_000) }));
  return [
    {},
    [],
    'text',
    42,
    ...keys.map((k) => Object.fromEntries(Object.entries(valid).filter(([x]) => x !== k))),
    ...wrongTypes,
    ...huge,
  ];
}

/** The valid body with prototype-pollution keys: unknown keys are stripped, so these may succeed. */
export function pollutingBodies(valid: Record<string, unknown>): unknown[] {
  return [JSON.parse(`{"__proto__": {"admin": true}, ${JSON.stringify(valid).slice(1)}`), { ...valid, constructor: { prototype: { polluted: true } } }];
}

/**
 * Every fuzz body answers 4xx with `{ error: { code, message } }`. Bodies that happen to be valid
 * (an optional field dropped) may succeed: the check is that nothing crashes and nothing pollutes.
 */
export async function expectFuzzHandled(t: TestApp, target: FuzzTarget, opts: { allowSuccess?: boolean } = {}): Promise<void> {
  const send = (body: unknown) => t.http[target.method](target.url).set(bearer(target.token)).set('content-type', 'application/json').send(JSON.stringify(body));
  for (const body of fuzzBodies(target.valid)) {
    const res = await send(body);
    const ok = res.status < 300 && opts.allowSuccess;
    if (!ok && (res.status < 400 || res.status >= 500 || typeof res.body?.error?.code !== 'string')) {
      throw new Error(`${target.method.toUpperCase()} ${target.url} with ${JSON.stringify(body).slice(0, 200)} answered ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
    }
  }
  for (const body of pollutingBodies(target.valid)) {
    const res = await send(body);
    if (res.status >= 500 || (res.status >= 400 && typeof res.body?.error?.code !== 'string')) throw new Error(`${target.url} with a polluting body answered ${res.status}`);
  }
  const malformed = await t.http[target.method](target.url).set(bearer(target.token)).set('content-type', 'application/json').send('{"title": ');
  expect(malformed.status).toBe(400);
  expect(malformed.body.error.code).toBe('invalid_json');
  expect(({} as Record<string, unknown>).admin).toBeUndefined();
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
}

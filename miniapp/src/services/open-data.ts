/**
 * The development stand-in for WeCom's open-data name rendering (served next to the sandbox
 * sign-in). In production it answers 404 once and is not asked again: names then show as the
 * host renders them, or as the host id.
 */
import { ApiError } from '../lib/api-error';
import { NameBatcher } from '../lib/name-batch';
import { request } from './http';

let unavailable = false;

export const names = new NameBatcher(async (ids) => {
  if (unavailable) return {};
  try {
    const r = await request<{ names: Record<string, string> }>('GET', '/dev/sandbox/names', { anonymous: true, query: { ids: ids.join(',') } });
    return r.names ?? {};
  } catch (err) {
    if (err instanceof ApiError && err.status === 404) unavailable = true;
    return {};
  }
});

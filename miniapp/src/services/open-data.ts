/**
 * The development stand-in for WeCom's open-data component (served next to the sandbox sign-in):
 * the names the host would draw for people (host user ids) and departments (Qixue department ids).
 * In production it answers 404 once and is not asked again: names then show as the host draws them.
 */
import { ApiError } from '../lib/api-error';
import { NameBatcher } from '../lib/name-batch';
import { request } from './http';

let unavailable = false;

async function standIn(query: { ids?: string; departments?: string }): Promise<{ names?: Record<string, string>; departments?: Record<string, string> }> {
  if (unavailable) return {};
  try {
    return await request('GET', '/dev/sandbox/names', { anonymous: true, query });
  } catch (err) {
    if (err instanceof ApiError && err.status === 404) unavailable = true;
    return {};
  }
}

export const names = new NameBatcher(async (ids) => (await standIn({ ids: ids.join(',') })).names ?? {});
export const departmentNames = new NameBatcher(async (ids) => (await standIn({ departments: ids.join(',') })).departments ?? {});

/** The sandbox's stand-in for WeCom's open-data rendering (development only; the real host never sends names). */
import { NameBatcher } from '../lib/name-batch';
import { request } from './http';

export const names = new NameBatcher((ids) =>
  request<{ names: Record<string, string> }>('GET', '/sandbox/open-data/names', { anonymous: true, query: { ids: ids.join(',') } }).then((r) => r.names ?? {}),
);

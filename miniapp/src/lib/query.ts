/** Query strings without URLSearchParams (absent in the weapp runtime). Undefined and '' are left out. */
export type QueryValue = string | number | boolean | undefined | null;

export function toQuery(params: Record<string, QueryValue> = {}): string {
  const parts = Object.entries(params)
    .filter(([, v]) => v !== undefined && v !== null && v !== '')
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`);
  return parts.length ? `?${parts.join('&')}` : '';
}

export function withQuery(path: string, params?: Record<string, QueryValue>): string {
  const q = toQuery(params);
  if (!q) return path;
  return path.includes('?') ? `${path}&${q.slice(1)}` : `${path}${q}`;
}

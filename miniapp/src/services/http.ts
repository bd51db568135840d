/**
 * The only place that calls Taro.request. Adds the bearer token, turns every failure into a typed
 * ApiError (server error format, network, timeout) and never navigates: pages decide what to do.
 */
import Taro from '@tarojs/taro';
import { ApiError, networkError, timeoutError, toApiError } from '../lib/api-error';
import { withQuery, type QueryValue } from '../lib/query';
import { noteServerDate } from '../lib/server-clock';
import { getToken } from './session';

const TIMEOUT_MS = 15_000;

export function apiBase(): string {
  const configured = process.env.TARO_APP_API_BASE || '';
  if (process.env.TARO_ENV === 'h5') return configured; // same origin by default
  return configured || 'http://localhost:3000';
}

export interface RequestOptions {
  query?: Record<string, QueryValue>;
  body?: unknown;
  /** Send without the session token (sign-in calls). */
  anonymous?: boolean;
  /** A binary body (an Excel import), sent as is with this content type. */
  raw?: ArrayBuffer;
  contentType?: string;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export async function request<T>(method: Method, path: string, options: RequestOptions = {}): Promise<T> {
  const header: Record<string, string> = { Accept: 'application/json' };
  const token = options.anonymous ? '' : getToken();
  if (token) header.Authorization = `Bearer ${token}`;
  if (options.body !== undefined) header['Content-Type'] = 'application/json';
  if (options.raw !== undefined) header['Content-Type'] = options.contentType ?? 'application/octet-stream';
  let res: Taro.request.SuccessCallbackResult<string | Record<string, unknown>>;
  try {
    res = await Taro.request({
      url: apiBase() + withQuery(path, options.query),
      method: method as keyof Taro.request.Method,
      header,
      data: (options.raw ?? options.body) as Record<string, unknown> | undefined,
      timeout: TIMEOUT_MS,
      dataType: 'json',
    });
  } catch (err) {
    const text = err instanceof Error ? err.message : String((err as { errMsg?: string })?.errMsg ?? '');
    throw /timeout/i.test(text) ? timeoutError() : networkError(err);
  }
  const requestId = (res.header?.['X-Request-Id'] ?? res.header?.['x-request-id']) as string | undefined;
  noteServerDate((res.header?.['Date'] ?? res.header?.['date']) as string | undefined);
  if (res.statusCode >= 200 && res.statusCode < 300) return (res.statusCode === 204 ? undefined : res.data) as T;
  throw toApiError(res.statusCode, parseBody(res.data), requestId);
}

function parseBody(data: unknown): unknown {
  if (typeof data !== 'string') return data;
  try {
    return JSON.parse(data);
  } catch {
    return undefined;
  }
}

export const http = {
  get: <T>(path: string, query?: Record<string, QueryValue>) => request<T>('GET', path, { query }),
  post: <T>(path: string, body?: unknown, options: Omit<RequestOptions, 'body'> = {}) => request<T>('POST', path, { ...options, body: body ?? {} }),
  put: <T>(path: string, body?: unknown) => request<T>('PUT', path, { body: body ?? {} }),
  patch: <T>(path: string, body?: unknown) => request<T>('PATCH', path, { body: body ?? {} }),
  del: <T>(path: string) => request<T>('DELETE', path),
};

export { ApiError };

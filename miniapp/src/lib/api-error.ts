/**
 * The client side of the server's one error format: `{ error: { code, message, details } }`.
 * Pages switch on `code`, never on the message; they show `message` to the person.
 */
export class ApiError extends Error {
  constructor(
    public readonly status: number,
    public readonly code: string,
    message: string,
    public readonly details?: unknown,
    public readonly requestId?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  get isUnauthenticated(): boolean {
    return this.status === 401 || this.code === 'unauthenticated';
  }
}

interface ErrorBody {
  error?: { code?: unknown; message?: unknown; details?: unknown };
}

/** Builds the ApiError for a non-2xx answer, whatever its body turned out to be. */
export function toApiError(status: number, body: unknown, requestId?: string): ApiError {
  const err = (body && typeof body === 'object' ? (body as ErrorBody).error : undefined) ?? {};
  const code = typeof err.code === 'string' && err.code ? err.code : status >= 500 ? 'internal' : `http_${status}`;
  const message = typeof err.message === 'string' && err.message ? err.message : `请求失败（${status}） / Request failed`;
  return new ApiError(status, code, message, err.details, requestId);
}

export function networkError(cause?: unknown): ApiError {
  const detail = cause instanceof Error ? cause.message : undefined;
  return new ApiError(0, 'network_error', '网络异常，请检查网络后重试 / Network error', detail);
}

export function timeoutError(): ApiError {
  return new ApiError(0, 'timeout', '请求超时，请重试 / The request timed out');
}

/** What a person reads: the Chinese half of the server's "中文 / English" message. */
export function displayMessage(err: unknown): string {
  if (err instanceof ApiError) {
    const [zh] = err.message.split(' / ');
    return zh.trim() || err.message;
  }
  if (err instanceof Error && err.message) return err.message;
  return '出错了，请重试';
}

/** Field errors of a `validation_failed` answer as `{ path: message }`, for forms. */
export function fieldErrors(err: unknown): Record<string, string> {
  if (!(err instanceof ApiError) || err.code !== 'validation_failed' || !Array.isArray(err.details)) return {};
  const out: Record<string, string> = {};
  for (const d of err.details as Array<{ path?: unknown; message?: unknown }>) {
    const path = Array.isArray(d.path) ? d.path.join('.') : typeof d.path === 'string' ? d.path : '';
    if (path && typeof d.message === 'string' && !out[path]) out[path] = d.message;
  }
  return out;
}

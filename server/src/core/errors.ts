/**
 * One error type for everything a client may see. Codes are stable snake_case; clients switch on
 * them, never on messages. Messages that a person may read carry Chinese and English.
 */
export class AppError extends Error {
  constructor(
    public readonly status: number,
    public readonly code: string,
    message: string,
    public readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const errors = {
  validation: (details: unknown) => new AppError(400, 'validation_failed', '请求参数有误 / The request is invalid', details),
  invalidJson: () => new AppError(400, 'invalid_json', '请求体不是有效的 JSON / The request body is not valid JSON'),
  badRequest: (code: string, message: string, details?: unknown) => new AppError(400, code, message, details),
  unauthenticated: () => new AppError(401, 'unauthenticated', '请先登录 / Please sign in'),
  forbidden: (message = '没有权限执行此操作 / You are not allowed to do this') => new AppError(403, 'forbidden', message),
  tenantSuspended: () => new AppError(403, 'tenant_suspended', '企业已被停用，请联系平台 / This enterprise is suspended'),
  tenantInactive: () => new AppError(403, 'tenant_inactive', '企业已卸载或注销本应用 / This enterprise no longer uses Qixue'),
  accountFrozen: () => new AppError(403, 'account_frozen', '账号因长期未使用已冻结 / This account is frozen for inactivity'),
  notFound: (what = 'resource') => new AppError(404, 'not_found', `未找到 / Not found: ${what}`),
  conflict: (code: string, message: string, details?: unknown) => new AppError(409, code, message, details),
  payloadTooLarge: () => new AppError(413, 'payload_too_large', '请求体过大 / The request body is too large'),
  requestAborted: () => new AppError(400, 'request_aborted', '请求未发送完整 / The request was aborted before its body arrived'),
  tooManyRequests: (message = '操作过于频繁，请稍后再试 / Too many requests, try again later') => new AppError(429, 'rate_limited', message),
  unprocessable: (code: string, message: string, details?: unknown) => new AppError(422, code, message, details),
};

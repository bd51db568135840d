import { ApiError, displayMessage, fieldErrors, networkError, toApiError } from '../../miniapp/src/lib/api-error';

describe('ApiError from the server error format', () => {
  it('keeps code, message, details and request id', () => {
    const err = toApiError(404, { error: { code: 'not_found', message: '未找到 / Not found: course', details: { id: 'x' } } }, 'req-1');
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ status: 404, code: 'not_found', details: { id: 'x' }, requestId: 'req-1' });
    expect(displayMessage(err)).toBe('未找到');
  });

  it('survives bodies that are not the error format', () => {
    expect(toApiError(502, '<html>bad gateway</html>')).toMatchObject({ code: 'internal', status: 502 });
    expect(toApiError(418, undefined)).toMatchObject({ code: 'http_418' });
    expect(displayMessage(toApiError(418, null))).toBe('请求失败（418）');
  });

  it('marks 401 as needing sign-in', () => {
    expect(toApiError(401, { error: { code: 'unauthenticated', message: '请先登录 / Please sign in' } }).isUnauthenticated).toBe(true);
    expect(toApiError(403, { error: { code: 'forbidden', message: 'x' } }).isUnauthenticated).toBe(false);
  });

  it('turns validation details into field errors', () => {
    const err = toApiError(400, {
      error: { code: 'validation_failed', message: '请求参数有误 / invalid', details: [{ path: ['body', 'title'], message: 'Required' }, { path: 'q', message: 'Too short' }] },
    });
    expect(fieldErrors(err)).toEqual({ 'body.title': 'Required', q: 'Too short' });
    expect(fieldErrors(new Error('x'))).toEqual({});
  });

  it('has a network error a person can read', () => {
    expect(networkError(new Error('ECONNREFUSED'))).toMatchObject({ status: 0, code: 'network_error' });
    expect(displayMessage(networkError())).toBe('网络异常，请检查网络后重试');
    expect(displayMessage('weird')).toBe('出错了，请重试');
  });
});

/** services/http: the only caller of Taro.request — bearer token, typed errors, no navigation. */
const storage = new Map<string, string>();
const request = jest.fn();
const navigate = jest.fn();
jest.mock('@tarojs/taro', () => ({
  __esModule: true,
  default: {
    request: (o: unknown) => request(o),
    getStorageSync: (k: string) => storage.get(k) ?? '',
    setStorageSync: (k: string, v: string) => storage.set(k, v),
    removeStorageSync: (k: string) => storage.delete(k),
    navigateTo: (o: unknown) => navigate(o),
    redirectTo: (o: unknown) => navigate(o),
    reLaunch: (o: unknown) => navigate(o),
  },
}));

import { ApiError } from '../../miniapp/src/lib/api-error';
import { http } from '../../miniapp/src/services/http';
import { clearSession, getProfile, saveSession } from '../../miniapp/src/services/session';

beforeEach(() => {
  request.mockReset();
  storage.clear();
  process.env.TARO_ENV = 'h5';
});

describe('http', () => {
  it('sends the bearer token and the query, and returns the body', async () => {
    saveSession('tok_0123456789abcdefghij', { member: { id: 'm1', hostUserId: 'u1', name: null, role: 'member' }, tenant: { id: 't1', name: '示例企业' } });
    request.mockResolvedValue({ statusCode: 200, data: { items: [], nextCursor: null }, header: {} });
    await expect(http.get('/api/v1/knowledge/search', { q: '学习', cursor: null })).resolves.toEqual({ items: [], nextCursor: null });
    const call = request.mock.calls[0][0];
    expect(call.url).toBe('/api/v1/knowledge/search?q=%E5%AD%A6%E4%B9%A0');
    expect(call.header.Authorization).toBe('Bearer tok_0123456789abcdefghij');
    expect(call.timeout).toBeGreaterThan(0);
    expect(getProfile()?.tenant.name).toBe('示例企业');
  });

  it('sends no token for anonymous calls and nothing for 204', async () => {
    saveSession('tok_0123456789abcdefghij', { member: { id: 'm1', hostUserId: null, name: 'x', role: 'member' }, tenant: { id: 't', name: 'x' } });
    request.mockResolvedValue({ statusCode: 204, data: '', header: {} });
    await expect(http.post('/api/v1/auth/wecom/oauth', { code: 'c' }, { anonymous: true })).resolves.toBeUndefined();
    expect(request.mock.calls[0][0].header.Authorization).toBeUndefined();
    expect(request.mock.calls[0][0].data).toEqual({ code: 'c' });
  });

  it('throws the server error as ApiError, without navigating or clearing the session on 401', async () => {
    saveSession('tok_0123456789abcdefghij', { member: { id: 'm1', hostUserId: null, name: 'x', role: 'member' }, tenant: { id: 't', name: 'x' } });
    request.mockResolvedValue({ statusCode: 401, data: { error: { code: 'unauthenticated', message: '请先登录 / Please sign in' } }, header: { 'X-Request-Id': 'r1' } });
    const err = await http.get('/api/v1/me').catch((e) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ status: 401, code: 'unauthenticated', requestId: 'r1' });
    expect(navigate).not.toHaveBeenCalled();
    expect(getProfile()).not.toBeNull();
    clearSession();
    expect(getProfile()).toBeNull();
  });

  it('parses an error body that arrived as text', async () => {
    request.mockResolvedValue({ statusCode: 409, data: '{"error":{"code":"already_submitted","message":"已交卷 / Already submitted"}}', header: {} });
    await expect(http.post('/x')).rejects.toMatchObject({ code: 'already_submitted', status: 409 });
  });

  it('turns transport failures into network_error and timeout', async () => {
    request.mockRejectedValueOnce(new Error('Failed to fetch'));
    await expect(http.get('/x')).rejects.toMatchObject({ code: 'network_error', status: 0 });
    request.mockRejectedValueOnce({ errMsg: 'request:fail timeout' });
    await expect(http.get('/x')).rejects.toMatchObject({ code: 'timeout' });
  });

  it('uses an absolute server in the mini-program', async () => {
    process.env.TARO_ENV = 'weapp';
    request.mockResolvedValue({ statusCode: 200, data: {}, header: {} });
    await http.get('/api/v1/me');
    expect(request.mock.calls[0][0].url).toBe('http://localhost:3000/api/v1/me');
  });
});

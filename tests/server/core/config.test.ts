import { ConfigError, loadConfig } from '@qixue/config';

describe('configuration', () => {
  it('runs a fresh checkout on defaults (embedded SQLite, sandbox hosts)', () => {
    const config = loadConfig({});
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.PORT).toBe(3000);
    expect(config.WECOM_API_BASE).toBeUndefined();
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ PORT: '', SECRET_KEY: '' }).PORT).toBe(3000);
  });

  it('refuses an invalid value and names the variable', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ DATABASE_URL: 'postgres://x@y/z' })).toThrow(/DATABASE_URL/);
    expect(() => loadConfig({ WECOM_SUITE_ENCODING_AES_KEY: 'short' })).toThrow(/WECOM_SUITE_ENCODING_AES_KEY/);
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(ConfigError);
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/SECRET_KEY/);
  });

  it('runs more than one server process only on MySQL with a real WeCom (not the SQLite file or the in-process sandbox)', () => {
    const mysql = 'mysql://root@127.0.0.1:3306/qixue';
    expect(() => loadConfig({ WEB_CONCURRENCY: '2' })).toThrow(/WEB_CONCURRENCY/);
    expect(() => loadConfig({ WEB_CONCURRENCY: '2', DATABASE_URL: mysql })).toThrow(/WEB_CONCURRENCY/);
    expect(loadConfig({ WEB_CONCURRENCY: '2', DATABASE_URL: mysql, WECOM_API_BASE: 'https://qyapi.weixin.qq.com' }).WEB_CONCURRENCY).toBe(2);
    expect(() => loadConfig({ WEB_CONCURRENCY: '0' })).toThrow(/WEB_CONCURRENCY/);
  });
});

/**
 * Which host the app runs in. This file is the mini-program variant (weapp build, used in WeChat
 * and in WeCom, which runs WeChat mini-programs); host.h5.ts is the browser variant.
 */
import Taro from '@tarojs/taro';

export type Host = 'wxwork' | 'wechat' | 'wxwork-h5' | 'browser';

let detected: Host | null = null;

export function detectHost(): Host {
  if (detected) return detected;
  try {
    detected = (Taro.getSystemInfoSync() as { environment?: string }).environment === 'wxwork' ? 'wxwork' : 'wechat';
  } catch {
    detected = 'wechat';
  }
  return detected;
}

/** A one-time login code from the host: wx.qy.login inside WeCom, wx.login in WeChat. */
export function hostLoginCode(): Promise<{ host: Host; code: string }> {
  const host = detectHost();
  const wxGlobal = (globalThis as unknown as { wx?: { qy?: { login(o: object): void }; login(o: object): void } }).wx;
  return new Promise((resolve, reject) => {
    const done = { success: (r: { code: string }) => resolve({ host, code: r.code }), fail: (e: unknown) => reject(e) };
    if (host === 'wxwork' && wxGlobal?.qy) wxGlobal.qy.login(done);
    else Taro.login().then((r) => resolve({ host, code: r.code }), reject);
  });
}

export const isDesktopBrowser = (): boolean => false;

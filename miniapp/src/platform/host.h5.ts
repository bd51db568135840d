/** Browser variant of host.ts: WeCom's in-app browser or an ordinary (desktop) browser. */
export type Host = 'wxwork' | 'wechat' | 'wxwork-h5' | 'browser';

export function detectHost(): Host {
  return /wxwork/i.test(navigator.userAgent) ? 'wxwork-h5' : 'browser';
}

/** In the browser there is no silent login code: sign-in goes through OAuth or the sandbox page. */
export function hostLoginCode(): Promise<{ host: Host; code: string }> {
  return Promise.reject(new Error('no login code in a browser'));
}

export const isDesktopBrowser = (): boolean => typeof window !== 'undefined' && window.innerWidth >= 960;

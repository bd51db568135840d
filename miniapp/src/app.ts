import type { PropsWithChildren } from 'react';
import Taro, { useLaunch, usePageNotFound } from '@tarojs/taro';
import { detectHost } from './platform/host';
import { registerWecom } from './platform/wecom';
import { getToken } from './services/session';
import { routes } from './lib/routes';
import './app.css';

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    detectHost();
    // Inside WeCom's browser: the JS-SDK (loaded on demand) draws colleagues' names. Elsewhere a no-op.
    if (getToken()) registerWecom().catch(() => undefined);
  });
  // An unknown route (an old link, a typo) shows a page that says so instead of a blank screen.
  usePageNotFound(() => {
    Taro.redirectTo({ url: routes.notFound }).catch(() => undefined);
  });
  return children;
}

export default App;

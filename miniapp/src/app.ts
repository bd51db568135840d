import type { PropsWithChildren } from 'react';
import { useLaunch } from '@tarojs/taro';
import { detectHost } from './platform/host';
import { registerWecom } from './platform/wecom';
import { getToken } from './services/session';
import './app.css';

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    detectHost();
    // Inside WeCom's browser: the JS-SDK (loaded on demand) draws colleagues' names. Elsewhere a no-op.
    if (getToken()) registerWecom().catch(() => undefined);
  });
  return children;
}

export default App;

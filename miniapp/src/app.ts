import type { PropsWithChildren } from 'react';
import { useLaunch } from '@tarojs/taro';
import { detectHost } from './platform/host';
import './app.css';

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    detectHost();
  });
  return children;
}

export default App;

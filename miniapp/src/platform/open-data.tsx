/**
 * Mini-program variant. Taro's weapp templates render only the components it knows, and
 * `ww-open-data` is WeCom's own, so names fall back to the stand-in (see open-data.h5.tsx for H5).
 */
import type { ReactElement } from 'react';

export type OpenDataKind = 'userName' | 'departmentName';

export function renderHostName(_hostId: string, _kind: OpenDataKind, _className?: string): ReactElement | null {
  return null;
}

/**
 * H5 variant: inside WeCom's browser the host draws the name in its open-data frame; outside
 * WeCom (sandbox, desktop development) the caller falls back to the stand-in.
 */
import { useEffect, useRef, type ReactElement } from 'react';
import { detectHost } from './host';
import { mountOpenDataName } from './wecom';

export type OpenDataKind = 'userName' | 'departmentName';

function HostName({ hostId, kind, className }: { hostId: string; kind: OpenDataKind; className?: string }) {
  const ref = useRef<HTMLSpanElement>(null);
  useEffect(() => {
    let dispose: (() => void) | undefined;
    if (ref.current) mountOpenDataName(ref.current, hostId, kind).then((d) => (dispose = d), () => undefined);
    return () => dispose?.();
  }, [hostId, kind]);
  return <span ref={ref} className={className} />;
}

export function renderHostName(hostId: string, kind: OpenDataKind, className?: string): ReactElement | null {
  if (detectHost() !== 'wxwork-h5') return null;
  return <HostName hostId={hostId} kind={kind} className={className} />;
}

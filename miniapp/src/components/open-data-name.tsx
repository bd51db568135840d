/**
 * A colleague's name, rendered by the host and never stored: WeCom's `ww-open-data` inside WeCom,
 * the sandbox's stand-in elsewhere. People who registered directly carry their own `name`.
 */
import { useEffect, useState } from 'react';
import { Text } from '@tarojs/components';
import { names } from '../services/open-data';
import { renderHostName } from '../platform/open-data';

interface Props {
  hostUserId?: string | null;
  name?: string | null;
  className?: string;
}

export function OpenDataName({ hostUserId, name, className }: Props) {
  const [label, setLabel] = useState<string | null | undefined>(hostUserId ? names.peek(hostUserId) : null);
  useEffect(() => {
    if (name || !hostUserId) return;
    let live = true;
    names.get(hostUserId).then((n) => live && setLabel(n));
    return () => {
      live = false;
    };
  }, [hostUserId, name]);

  if (name) return <Text className={className}>{name}</Text>;
  if (!hostUserId) return <Text className={className}>—</Text>;
  const host = renderHostName(hostUserId, className);
  if (host) return host;
  return <Text className={`qx-open-data ${className ?? ''}`} data-host-user-id={hostUserId}>{label ?? hostUserId}</Text>;
}

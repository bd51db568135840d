/**
 * A colleague's or a department's name, drawn by the host and never stored: WeCom's `ww-open-data`
 * inside WeCom, the sandbox's stand-in elsewhere. People who registered directly (and departments
 * created in Qixue) carry their own `name`.
 */
import { useEffect, useState } from 'react';
import { Text } from '@tarojs/components';
import type { NameBatcher } from '../lib/name-batch';
import { departmentNames, names } from '../services/open-data';
import { renderHostName, type OpenDataKind } from '../platform/open-data';

/** The stand-in's label for a key: undefined while asking, null when it has none. */
export function useStandInName(batcher: NameBatcher, key: string | null | undefined, skip = false): string | null | undefined {
  const [label, setLabel] = useState<string | null | undefined>(key ? batcher.peek(key) : null);
  useEffect(() => {
    if (skip || !key) return;
    let live = true;
    batcher.get(key).then((n) => live && setLabel(n));
    return () => {
      live = false;
    };
  }, [batcher, key, skip]);
  return label;
}

function HostDrawn({ kind, hostId, standInKey, batcher, fallback, className }: {
  kind: OpenDataKind; hostId: string; standInKey: string; batcher: NameBatcher; fallback: string; className?: string;
}) {
  const host = renderHostName(hostId, kind, className);
  const label = useStandInName(batcher, standInKey, !!host);
  if (host) return host;
  return <Text className={`qx-open-data ${className ?? ''}`}>{label === undefined ? '…' : (label ?? fallback)}</Text>;
}

export function OpenDataName({ hostUserId, name, className }: { hostUserId?: string | null; name?: string | null; className?: string }) {
  if (name) return <Text className={className}>{name}</Text>;
  if (!hostUserId) return <Text className={className}>—</Text>;
  return <HostDrawn kind='userName' hostId={hostUserId} standInKey={hostUserId} batcher={names} fallback='企业微信成员' className={className} />;
}

/** A department: `id` is Qixue's (the stand-in's key), `hostDeptId` the host's (what WeCom draws). */
export function DepartmentName({ dept, className }: { dept: { id: string; name?: string | null; hostDeptId?: string | null }; className?: string }) {
  if (dept.name) return <Text className={className}>{dept.name}</Text>;
  if (!dept.hostDeptId) return <Text className={className}>未命名部门</Text>;
  return <HostDrawn kind='departmentName' hostId={dept.hostDeptId} standInKey={dept.id} batcher={departmentNames} fallback='企业微信部门' className={className} />;
}

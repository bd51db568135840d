/** Pick departments (with their sub-departments) and members from the synced directory. */
import { useState } from 'react';
import { Input, Text, View } from '@tarojs/components';
import { StateView } from './state-view';
import { DepartmentName, OpenDataName } from './open-data-name';
import { useDebounced } from '../hooks/use-debounced';
import { useRequest } from '../hooks/use-request';
import { nest, visibleRows, toggle, type TreeNode } from '../lib/tree';
import { departmentLabel, listDepartments, listMembers } from '../services/admin';

export interface Picked {
  departments: string[];
  members: string[];
}

export function DepartmentPicker({ value, onChange }: { value: Picked; onChange: (v: Picked) => void }) {
  const deps = useRequest(() => listDepartments(), []);
  const [open, setOpen] = useState<Set<string>>(new Set());
  const [memberFilter, setMemberFilter] = useState('');
  const q = useDebounced(memberFilter.trim());
  const members = useRequest(() => listMembers(null, { q, status: 'active' }), [q]);
  const byId = new Map((deps.data ?? []).map((d) => [d.id, d]));
  const roots = nest((deps.data ?? []).map((d) => ({ id: d.id, parentId: d.parentId, title: departmentLabel(d), kind: 'folder' })) as TreeNode[]);
  const rows = visibleRows(roots, open);
  const flip = (list: string[], id: string) => (list.includes(id) ? list.filter((x) => x !== id) : [...list, id]);

  return (
    <View className='qx-picker'>
    <Text className='qx-muted' data-testid='picked-summary'>{`已选 ${value.departments.length} 个部门、${value.members.length} 名成员`}</Text>
    <View style={{ display: 'flex', gap: '16PX', marginTop: '8PX' }}>
      <View className='qx-panel' style={{ flex: 1, maxHeight: '320PX', overflow: 'auto' }}>
        <Text className='qx-panel__title'>部门（含下级部门）</Text>
        <StateView loading={deps.loading} error={deps.error} onRetry={deps.reload} empty={rows.length === 0} emptyText='通讯录还没有部门'>
          {rows.map(({ node, depth, hasChildren, open: isOpen }) => (
            <View key={node.id} className='qx-row' style={{ paddingLeft: `${depth * 16}PX`, height: '28PX' }} data-testid='pick-department'>
              <Text style={{ width: '16PX', cursor: 'pointer' }} data-testid={hasChildren && !isOpen ? 'pick-department-expand' : undefined} onClick={() => hasChildren && setOpen(toggle(open, node.id))}>
                {hasChildren ? (isOpen ? '▾' : '▸') : ''}
              </Text>
              <View style={{ flex: 1, cursor: 'pointer' }} data-testid='pick-department-toggle' onClick={() => onChange({ ...value, departments: flip(value.departments, node.id) })}>
                <Check on={value.departments.includes(node.id)} />
                <DepartmentName dept={byId.get(node.id) ?? { id: node.id }} />
              </View>
            </View>
          ))}
        </StateView>
      </View>
      <View className='qx-panel' style={{ flex: 1, maxHeight: '320PX', overflow: 'auto' }}>
        <Text className='qx-panel__title'>成员</Text>
        <Input className='qx-ainput' placeholder='按姓名搜索成员' value={memberFilter} onInput={(e) => setMemberFilter(e.detail.value)} data-testid='pick-member-search' />
        <StateView loading={members.loading} error={members.error} onRetry={members.reload} empty={!members.data?.items.length} emptyText={q ? `没有姓名包含“${q}”的成员` : '暂无成员'}>
          {(members.data?.items ?? [])
            .slice(0, 100)
            .map((m) => (
              <View key={m.id} className='qx-row' style={{ height: '28PX' }} data-testid='pick-member'>
                <View style={{ flex: 1, cursor: 'pointer' }} onClick={() => onChange({ ...value, members: flip(value.members, m.id) })}>
                  <Check on={value.members.includes(m.id)} />
                  <OpenDataName hostUserId={m.hostUserId} name={m.name} />
                </View>
              </View>
            ))}
        </StateView>
      </View>
    </View>
    </View>
  );
}

function Check({ on }: { on: boolean }) {
  return <Text style={{ color: on ? '#1f6feb' : '#86909c', marginRight: '6PX' }}>{on ? '☑' : '☐'}</Text>;
}

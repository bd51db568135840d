/**
 * 知识库管理: spaces (new, rename, archive, restore) beside the chosen space's folders and
 * documents (components/space-tree) and its permissions by department, member or the whole enterprise.
 */
import { useEffect, useState } from 'react';
import { Picker, Text, View } from '@tarojs/components';
import { AdminLayout } from '../../../../components/admin-layout';
import { DepartmentPicker, type Picked } from '../../../../components/department-picker';
import { PagedListView } from '../../../../components/state-view';
import { usePagedList } from '../../../../hooks/use-paged-list';
import { useSignedIn } from '../../../../hooks/use-signed-in';
import { routes } from '../../../../lib/routes';
import { archiveSpace, createSpace, grantSpace, listSpacesByStatus, restoreSpace, updateSpace } from '../../../../services/knowledge';
import type { Space } from '../../../../services/types';
import { act, notify } from '../../components/feedback';
import { Button, Choice, Field, TextInput, confirm } from '../../components/fields';
import { SpaceTree } from '../../components/space-tree';

const roles = [
  { value: 'viewer', label: '可阅读' },
  { value: 'editor', label: '可编辑' },
  { value: 'manager', label: '可管理' },
];

export default function AdminKnowledge() {
  useSignedIn();
  const [status, setStatus] = useState<'active' | 'archived'>('active');
  const spaces = usePagedList(() => listSpacesByStatus(status), [status]);
  const [name, setName] = useState('');
  const [chosen, setChosen] = useState<Space | null>(null);
  const [tab, setTab] = useState<'tree' | 'settings'>('tree');

  useEffect(() => setChosen(null), [status]);

  const create = () => {
    if (!name.trim()) return notify.fail('请填写空间名称');
    return act(() => createSpace({ name: name.trim() }), '空间已创建', (r) => {
      setName('');
      spaces.reload();
      setChosen(r.space);
    });
  };

  return (
    <AdminLayout active={routes.adminKnowledge} title='知识库管理'>
      <View className='qx-split'>
        <View className='qx-split__side'>
          <View className='qx-panel'>
            <Text className='qx-panel__title'>新建空间</Text>
            <View className='qx-actions'>
              <TextInput value={name} onChange={setName} width='180PX' placeholder='空间名称' testId='new-space-name' />
              <Button primary onClick={create} testId='create-space'>创建</Button>
            </View>
          </View>
          <View className='qx-panel'>
            <View style={{ marginBottom: '8PX' }}>
              <Choice value={status} onChange={setStatus} options={[{ value: 'active', label: '使用中' }, { value: 'archived', label: '已归档' }]} />
            </View>
            <PagedListView list={spaces} emptyText={status === 'active' ? '还没有知识空间' : '没有已归档的空间'}>
              {spaces.items.map((s) => (
                <View key={s.id} data-testid='space-row' className={`qx-admin__nav ${chosen?.id === s.id ? 'qx-admin__nav--active' : ''}`} style={{ borderRadius: '4PX' }} onClick={() => setChosen(s)}>
                  {s.name}
                </View>
              ))}
            </PagedListView>
          </View>
        </View>
        <View className='qx-split__main'>
          {chosen ? (
            <View className='qx-panel'>
              <View className='qx-actions' style={{ marginBottom: '12PX', alignItems: 'center' }}>
                <Text className='qx-panel__title' style={{ flex: 1, marginBottom: 0 }}>{chosen.name}</Text>
                {status === 'active' ? <Choice value={tab} onChange={setTab} options={[{ value: 'tree', label: '文档' }, { value: 'settings', label: '空间设置与权限' }]} /> : null}
              </View>
              {status === 'archived' ? (
                <View className='qx-actions' style={{ alignItems: 'center' }}>
                  <Text className='qx-form-row__hint'>已归档的空间学员看不到，也不能编辑</Text>
                  <Button primary onClick={() => act(() => restoreSpace(chosen.id), '空间已恢复', () => { setChosen(null); spaces.reload(); })}>恢复空间</Button>
                </View>
              ) : tab === 'tree' ? (
                <SpaceTree key={chosen.id} spaceId={chosen.id} />
              ) : (
                <SpaceSettings key={chosen.id} space={chosen} onChanged={(s) => { setChosen(s); spaces.reload(); }} onArchived={() => { setChosen(null); spaces.reload(); }} />
              )}
            </View>
          ) : (
            <View className='qx-panel'>
              <Text className='qx-form-row__hint'>在左侧选择一个知识空间，查看和编辑它的文件夹与文档</Text>
            </View>
          )}
        </View>
      </View>
    </AdminLayout>
  );
}

function SpaceSettings({ space, onChanged, onArchived }: { space: Space; onChanged: (s: Space) => void; onArchived: () => void }) {
  const [name, setName] = useState(space.name);
  const [description, setDescription] = useState(space.description ?? '');
  const [picked, setPicked] = useState<Picked>({ departments: [], members: [] });
  const [role, setRole] = useState(0);

  const save = () => {
    if (!name.trim()) return notify.fail('请填写空间名称');
    return act(() => updateSpace(space.id, { name: name.trim(), description: description.trim() || null }), '空间已保存', (r) => onChanged(r.space));
  };
  const archive = async () => {
    if (!(await confirm('归档空间', `归档「${space.name}」？学员将看不到其中的文档，可在「已归档」中恢复。`))) return;
    await act(() => archiveSpace(space.id), '空间已归档', onArchived);
  };
  const grant = () => {
    const r = roles[role].value;
    if (!picked.departments.length && !picked.members.length) return notify.fail('请选择部门或成员');
    return act(
      () => Promise.all([
        ...picked.departments.map((id) => grantSpace(space.id, { subjectKind: 'department', subjectId: id, role: r })),
        ...picked.members.map((id) => grantSpace(space.id, { subjectKind: 'member', subjectId: id, role: r })),
      ]),
      `已授权 ${picked.departments.length} 个部门、${picked.members.length} 位成员`,
      () => setPicked({ departments: [], members: [] }),
    );
  };

  return (
    <View data-testid='space-settings'>
      <Field label='空间名称'><TextInput value={name} onChange={setName} width='320PX' testId='space-name' /></Field>
      <Field label='说明'><TextInput value={description} onChange={setDescription} width='480PX' /></Field>
      <View className='qx-actions' style={{ marginBottom: '20PX' }}>
        <Button primary onClick={save} testId='save-space'>保存</Button>
        <Button danger onClick={archive} testId='archive-space'>归档空间</Button>
      </View>
      <Text className='qx-panel__title'>授予权限</Text>
      <DepartmentPicker value={picked} onChange={setPicked} />
      <Field label='角色'>
        <Picker mode='selector' range={roles.map((r) => r.label)} value={role} onChange={(e) => setRole(Number(e.detail.value))}>
          <View className='qx-abtn'>{roles[role].label}</View>
        </Picker>
        <Button primary onClick={grant}>授权</Button>
      </Field>
    </View>
  );
}

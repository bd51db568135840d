/** 知识库管理: spaces, a new space, permissions by department/member/the whole enterprise. */
import { useState } from 'react';
import { Input, Picker, Text, Textarea, View } from '@tarojs/components';
import { AdminLayout } from '../../../../components/admin-layout';
import { DepartmentPicker, type Picked } from '../../../../components/department-picker';
import { PagedListView } from '../../../../components/state-view';
import { usePagedList } from '../../../../hooks/use-paged-list';
import { useSignedIn } from '../../../../hooks/use-signed-in';
import { displayMessage } from '../../../../lib/api-error';
import { routes } from '../../../../lib/routes';
import { createDocument, createSpace, grantSpace, listSpaces } from '../../../../services/knowledge';

const roles = [
  { value: 'viewer', label: '可阅读' },
  { value: 'editor', label: '可编辑' },
  { value: 'manager', label: '可管理' },
];

export default function AdminKnowledge() {
  useSignedIn();
  const spaces = usePagedList(listSpaces);
  const [name, setName] = useState('');
  const [target, setTarget] = useState<string | null>(null);
  const [picked, setPicked] = useState<Picked>({ departments: [], members: [] });
  const [role, setRole] = useState(0);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [doc, setDoc] = useState({ title: '', body: '' });

  const addDocument = async () => {
    if (!target || !doc.title.trim()) return setMessage({ ok: false, text: '请填写文档标题' });
    try {
      const paragraphs = doc.body.split('\n').filter((l) => l.trim()).map((l) => `<p>${escapeHtml(l)}</p>`).join('');
      await createDocument(target, { title: doc.title.trim(), body: paragraphs || '<p></p>' });
      setDoc({ title: '', body: '' });
      setMessage({ ok: true, text: '文档已创建' });
    } catch (err) {
      setMessage({ ok: false, text: displayMessage(err) });
    }
  };

  const create = () =>
    name.trim() &&
    createSpace({ name: name.trim() }).then(
      () => {
        setName('');
        setMessage({ ok: true, text: '空间已创建' });
        spaces.reload();
      },
      (err) => setMessage({ ok: false, text: displayMessage(err) }),
    );

  const grant = async () => {
    if (!target) return;
    try {
      const r = roles[role].value;
      await Promise.all([
        ...picked.departments.map((id) => grantSpace(target, { subjectKind: 'department', subjectId: id, role: r })),
        ...picked.members.map((id) => grantSpace(target, { subjectKind: 'member', subjectId: id, role: r })),
      ]);
      setMessage({ ok: true, text: `已授权 ${picked.departments.length} 个部门、${picked.members.length} 位成员` });
      setPicked({ departments: [], members: [] });
    } catch (err) {
      setMessage({ ok: false, text: displayMessage(err) });
    }
  };

  return (
    <AdminLayout active={routes.adminKnowledge} title='知识库管理'>
      {message ? <View className={`qx-panel ${message.ok ? '' : 'qx-error-message'}`}>{message.text}</View> : null}
      <View className='qx-panel'>
        <View className='qx-form-row'>
          <Text className='qx-form-row__label'>新空间</Text>
          <Input className='qx-ainput' style={{ width: '320PX' }} placeholder='空间名称' value={name} onInput={(e) => setName(e.detail.value)} />
          <View className='qx-abtn qx-abtn--primary' onClick={create}>创建</View>
        </View>
      </View>
      <View className='qx-panel'>
        <PagedListView list={spaces} emptyText='还没有知识空间'>
          {spaces.items.map((s) => (
            <View key={s.id} className='qx-table__row'>
              <Text className='qx-table__cell'>{s.name}</Text>
              <Text className='qx-table__cell'>{s.description ?? ''}</Text>
              <View className='qx-table__cell'>
                <View className={`qx-abtn ${target === s.id ? 'qx-abtn--primary' : ''}`} onClick={() => setTarget(target === s.id ? null : s.id)}>文档与权限</View>
              </View>
            </View>
          ))}
        </PagedListView>
      </View>
      {target ? (
        <View className='qx-panel'>
          <Text className='qx-panel__title'>新建文档</Text>
          <View className='qx-form-row'>
            <Text className='qx-form-row__label'>标题</Text>
            <Input className='qx-ainput' style={{ width: '420PX' }} value={doc.title} onInput={(e) => setDoc({ ...doc, title: e.detail.value })} />
          </View>
          <View className='qx-form-row'>
            <Text className='qx-form-row__label'>正文</Text>
            <Textarea className='qx-ainput' style={{ width: '620PX', height: '140PX' }} maxlength={-1} value={doc.body} onInput={(e) => setDoc({ ...doc, body: e.detail.value })} />
          </View>
          <View className='qx-abtn qx-abtn--primary' onClick={addDocument}>保存文档</View>
        </View>
      ) : null}
      {target ? (
        <View className='qx-panel'>
          <Text className='qx-panel__title'>授予权限</Text>
          <DepartmentPicker value={picked} onChange={setPicked} />
          <View className='qx-form-row'>
            <Text className='qx-form-row__label'>角色</Text>
            <Picker mode='selector' range={roles.map((r) => r.label)} value={role} onChange={(e) => setRole(Number(e.detail.value))}>
              <View className='qx-abtn'>{roles[role].label}</View>
            </Picker>
            <View className='qx-abtn qx-abtn--primary' onClick={grant}>授权</View>
          </View>
        </View>
      ) : null}
    </AdminLayout>
  );
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

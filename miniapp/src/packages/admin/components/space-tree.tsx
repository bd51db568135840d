/**
 * One space's folders and documents for the admin: open folders, new folder or document (at the
 * top or inside a folder), rename, move to another folder, archive and restore, edit a document.
 */
import { useState } from 'react';
import { Picker, Text, View } from '@tarojs/components';
import { StateView } from '../../../components/state-view';
import { useRequest } from '../../../hooks/use-request';
import { useTimeZone } from '../../../hooks/use-time-zone';
import { toggle, visibleRows, type TreeNode } from '../../../lib/tree';
import { formatDateTime } from '../../../lib/time';
import { textToHtml } from '../../../lib/rich-text';
import { archiveNode, createDocument, createFolder, moveNode, renameNode, restoreNode, spaceTreeByStatus } from '../../../services/knowledge';
import type { KnowledgeNode } from '../../../services/types';
import { DocumentEditor } from './document-editor';
import { act, notify } from './feedback';
import { Button, Choice, Field, TextInput, confirm } from './fields';

function foldersOf(nodes: KnowledgeNode[], depth = 0): Array<{ id: string; label: string }> {
  return nodes.flatMap((n) => (n.kind === 'folder' ? [{ id: n.id, label: `${'　'.repeat(depth)}${n.title}` }, ...foldersOf(n.children ?? [], depth + 1)] : []));
}

export function SpaceTree({ spaceId }: { spaceId: string }) {
  const zone = useTimeZone();
  const [status, setStatus] = useState<'active' | 'archived'>('active');
  const tree = useRequest(() => spaceTreeByStatus(spaceId, status), [spaceId, status]);
  const [open, setOpen] = useState<Set<string>>(new Set());
  const [adding, setAdding] = useState<{ kind: 'folder' | 'document'; parentId: string | null } | null>(null);
  const [newTitle, setNewTitle] = useState('');
  const [renaming, setRenaming] = useState<{ id: string; title: string } | null>(null);
  const [editingDoc, setEditingDoc] = useState<string | null>(null);

  const roots = (tree.data?.items ?? []) as KnowledgeNode[];
  const rows = visibleRows(roots as TreeNode[], open);
  const folders = [{ id: '', label: '（空间顶层）' }, ...foldersOf(roots)];

  const add = () => {
    if (!adding || !newTitle.trim()) return notify.fail('请填写标题');
    const { kind, parentId } = adding;
    return act(
      () => (kind === 'folder' ? createFolder(spaceId, { title: newTitle.trim(), parentId }) : createDocument(spaceId, { title: newTitle.trim(), body: textToHtml('（在这里编写正文）'), parentId })),
      kind === 'folder' ? '文件夹已创建' : '文档已创建，可以编辑正文',
      (r) => {
        setAdding(null);
        setNewTitle('');
        if (parentId) setOpen(new Set([...open, parentId]));
        if (kind === 'document') setEditingDoc(r.node.id);
        tree.reload();
      },
    );
  };

  const archive = async (n: KnowledgeNode) => {
    const what = n.kind === 'folder' ? '文件夹及其中的全部内容' : '文档';
    if (!(await confirm('归档', `归档「${n.title}」（${what}）？归档后学员看不到，可在「已归档」中恢复。`))) return;
    await act(() => archiveNode(n.id), '已归档', tree.reload);
  };

  if (editingDoc) return <DocumentEditor docId={editingDoc} onClose={() => { setEditingDoc(null); tree.reload(); }} />;

  return (
    <View data-testid='space-tree'>
      <View className='qx-actions' style={{ marginBottom: '12PX' }}>
        <Choice value={status} onChange={setStatus} testId='tree-status' options={[{ value: 'active', label: '目录' }, { value: 'archived', label: '已归档' }]} />
        {status === 'active' ? (
          <>
            <Button onClick={() => setAdding({ kind: 'folder', parentId: null })} testId='new-folder'>新建文件夹</Button>
            <Button primary onClick={() => setAdding({ kind: 'document', parentId: null })} testId='new-document'>新建文档</Button>
          </>
        ) : null}
      </View>
      {adding ? (
        <Field label={adding.kind === 'folder' ? '文件夹名称' : '文档标题'}>
          <TextInput value={newTitle} onChange={setNewTitle} width='320PX' testId='node-title' />
          <Text className='qx-form-row__hint'>{adding.parentId ? '建在所选文件夹内' : '建在空间顶层'}</Text>
          <Button primary onClick={add} testId='create-node'>创建</Button>
          <Button onClick={() => setAdding(null)}>取消</Button>
        </Field>
      ) : null}
      <StateView loading={tree.loading} error={tree.error} onRetry={tree.reload} empty={rows.length === 0} emptyText={status === 'active' ? '这个空间还没有内容：新建文件夹或文档' : '没有已归档的内容'}>
        {rows.map(({ node, depth, hasChildren, open: isOpen }) => {
          const n = node as KnowledgeNode;
          return (
            <View key={n.id} className='qx-tree-row' style={{ paddingLeft: `${depth * 20}PX` }} data-testid='tree-node'>
              <Text style={{ width: '16PX', cursor: 'pointer' }} onClick={() => hasChildren && setOpen(toggle(open, n.id))}>{hasChildren ? (isOpen ? '▾' : '▸') : ''}</Text>
              {renaming?.id === n.id ? (
                <>
                  <TextInput value={renaming.title} onChange={(title) => setRenaming({ id: n.id, title })} width='260PX' testId='rename-input' />
                  <Button primary onClick={() => renaming.title.trim() && act(() => renameNode(n.id, renaming.title.trim()), '已重命名', () => { setRenaming(null); tree.reload(); })}>保存</Button>
                  <Button onClick={() => setRenaming(null)}>取消</Button>
                </>
              ) : (
                <>
                  <Text className={`qx-tag ${n.kind === 'folder' ? 'qx-tag--warn' : ''}`}>{n.kind === 'folder' ? '文件夹' : '文档'}</Text>
                  <Text className='qx-tree-row__title' onClick={() => (n.kind === 'folder' ? setOpen(toggle(open, n.id)) : status === 'active' && setEditingDoc(n.id))}>
                    {n.title}
                  </Text>
                </>
              )}
              <Text className='qx-form-row__hint' style={{ width: '130PX' }}>{formatDateTime(n.updatedAt, zone)}</Text>
              {status === 'archived' ? (
                <Button onClick={() => act(() => restoreNode(n.id), '已恢复', tree.reload)}>恢复</Button>
              ) : (
                <View className='qx-actions'>
                  {n.kind === 'folder' ? <Button onClick={() => setAdding({ kind: 'document', parentId: n.id })}>新建文档</Button> : <Button onClick={() => setEditingDoc(n.id)} testId='edit-document'>编辑</Button>}
                  <Button onClick={() => setRenaming({ id: n.id, title: n.title })} testId='rename-node'>重命名</Button>
                  <Picker mode='selector' range={folders.map((f) => f.label)} onChange={(e) => {
                    const dest = folders[Number(e.detail.value)];
                    if (dest && dest.id !== n.id) act(() => moveNode(n.id, spaceId, dest.id || null), '已移动', tree.reload);
                  }}>
                    <View className='qx-abtn'>移动到…</View>
                  </Picker>
                  <Button danger onClick={() => archive(n)}>归档</Button>
                </View>
              )}
            </View>
          );
        })}
      </StateView>
    </View>
  );
}

/**
 * A document's title and body in the body editor. Saving sends the revision it started from, so a
 * colleague's save in between answers 409 edit_conflict instead of being overwritten.
 */
import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { StateView } from '../../../components/state-view';
import { useRequest } from '../../../hooks/use-request';
import { useSeed } from '../../../hooks/use-seed';
import { ApiError } from '../../../lib/api-error';
import { htmlToText, textToHtml } from '../../../lib/rich-text';
import { getDocument, saveDocument } from '../../../services/knowledge';
import { BodyEditor } from './body-editor';
import { notify } from './feedback';
import { Button, Field, TextInput } from './fields';

export function DocumentEditor({ docId, onClose }: { docId: string; onClose: () => void }) {
  const doc = useRequest(() => getDocument(docId), [docId]);
  const [title, setTitle] = useState('');
  const [text, setText] = useState('');
  const [revision, setRevision] = useState<number | undefined>(undefined);
  const [busy, setBusy] = useState(false);

  const seeded = useSeed(doc.data, (d) => {
    setTitle(d.title);
    setText(htmlToText(d.body));
    setRevision(d.revision);
  });

  const save = async () => {
    if (!title.trim()) return notify.fail('请填写标题');
    setBusy(true);
    try {
      const saved = await saveDocument(docId, { title: title.trim(), body: textToHtml(text), baseRevision: revision });
      setRevision(saved.revision);
      notify.ok('文档已保存');
    } catch (err) {
      if (err instanceof ApiError && err.code === 'edit_conflict') notify.fail('其他人刚刚保存过这篇文档：请复制你的修改，重新打开后再保存');
      else notify.fail(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <View data-testid='document-editor'>
      <StateView loading={doc.loading || !seeded} error={doc.error} onRetry={doc.reload}>
        <Field label='标题'><TextInput value={title} onChange={setTitle} width='480PX' testId='document-title' /></Field>
        <BodyEditor value={text} onChange={setText} testId='document-body' />
        <View className='qx-actions' style={{ alignItems: 'center' }}>
          <Button primary disabled={busy} onClick={save} testId='save-document'>保存</Button>
          <Button onClick={onClose}>返回目录</Button>
          <Text className='qx-form-row__hint'>{revision ? `当前第 ${revision} 版；每次保存都会留下一个版本` : ''}</Text>
        </View>
      </StateView>
    </View>
  );
}

/**
 * Under a document opened from a training task: whether reading it counted for the task. Opening it
 * counts (the server records the view); when that has not reached the task yet, 我已阅读 confirms it.
 */
import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { useRequest } from '../../../hooks/use-request';
import { displayMessage } from '../../../lib/api-error';
import { confirmTaskDocumentRead, myTask } from '../../../services/tasks';

export function TaskReadConfirm({ taskId, documentId }: { taskId: string; documentId: string }) {
  const detail = useRequest(() => myTask(taskId), [taskId]);
  const [confirmed, setConfirmed] = useState(false);
  const [busy, setBusy] = useState(false);
  const item = detail.data?.mine.items.find((i) => i.kind === 'document' && i.refId === documentId);
  if (!detail.data || !item) return null;
  const done = confirmed || item.done;

  const confirm = async () => {
    setBusy(true);
    try {
      await confirmTaskDocumentRead(taskId, documentId);
      setConfirmed(true);
      Taro.showToast({ title: '已确认阅读', icon: 'success' });
    } catch (err) {
      Taro.showToast({ title: displayMessage(err), icon: 'none' });
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className='qx-card qx-section' data-testid='task-read'>
      <Text className='qx-card__meta'>{`培训任务「${detail.data.task.title}」的阅读材料`}</Text>
      {done ? (
        <Text className='qx-card__title' data-testid='task-read-done'>✓ 已阅读，已计入任务进度</Text>
      ) : (
        <Button className='qx-btn qx-btn--primary' data-testid='confirm-read' loading={busy} disabled={busy} onClick={confirm}>我已阅读</Button>
      )}
    </View>
  );
}

import { Text, View } from '@tarojs/components';
import { dueLabel } from '../lib/hours';
import type { Task } from '../services/types';

export function TaskCard({ task, onClick }: { task: Task; onClick?: () => void }) {
  const due = dueLabel(task.dueAt, Date.now());
  const pct = Math.round(Math.min(1, Math.max(0, task.progress ?? 0)) * 100);
  return (
    <View className='qx-card' data-testid='task-card' onClick={onClick}>
      <View className='qx-row'>
        <Text className='qx-card__title'>{task.title}</Text>
        <Text className={`qx-card__meta qx-tone-${due.tone}`}>{due.text}</Text>
      </View>
      <Text className='qx-card__meta'>{`${task.required === false ? '选修' : '必修'} · 已完成 ${pct}%`}</Text>
      <View className='qx-progress'>
        <View className='qx-progress__bar' style={{ width: `${pct}%` }} />
      </View>
    </View>
  );
}

import { Text, View } from '@tarojs/components';
import { dueLabel } from '../lib/hours';
import type { Task } from '../services/types';
import { useTimeZone } from '../hooks/use-time-zone';
import { formatDate } from '../lib/time';

const statusLabel: Record<string, string> = { completed: '已完成', overdue: '已逾期', open: '进行中' };

export function TaskCard({ task, onClick }: { task: Task; onClick?: () => void }) {
  const tz = useTimeZone();
  const due = task.status === 'completed' ? { text: '已完成', tone: 'normal' as const } : dueLabel(task.dueAt, Date.now(), tz);
  const pct = task.progress !== undefined ? Math.round(Math.min(1, Math.max(0, task.progress)) * 100) : task.status === 'completed' ? 100 : null;
  return (
    <View className='qx-card' data-testid='task-card' data-status={task.status} onClick={onClick}>
      <View className='qx-row'>
        <Text className='qx-card__title'>{task.title}</Text>
        <Text className={`qx-card__meta qx-tone-${due.tone}`}>{due.text}</Text>
      </View>
      <Text className='qx-card__meta'>{`${task.required === false ? '选修' : '必修'} · ${statusLabel[task.status ?? ''] ?? '进行中'}${task.dueAt ? ` · 截止 ${formatDate(task.dueAt, tz)}` : ''}`}</Text>
      {pct !== null ? (
        <View className='qx-progress'>
          <View className='qx-progress__bar' style={{ width: `${pct}%` }} />
        </View>
      ) : null}
    </View>
  );
}

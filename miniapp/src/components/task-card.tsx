import { Text, View } from '@tarojs/components';
import { displayMessage } from '../lib/api-error';
import { notifyFailure } from '../platform/notify';
import { go, routes } from '../lib/routes';
import { myTask } from '../services/tasks';
import { dueLabel } from '../lib/hours';
import { nextStepLabel, nextStepTarget, percentDone } from '../lib/task-progress';
import type { Task } from '../services/types';
import { useTimeZone } from '../hooks/use-time-zone';
import { formatDate } from '../lib/time';

const statusLabel: Record<string, string> = { completed: '已完成', overdue: '已逾期', open: '进行中' };

/** A training task: due date, % done, and what to do next (the card opens it). */
export function TaskCard({ task, onClick }: { task: Task; onClick?: () => void }) {
  const tz = useTimeZone();
  const due = task.status === 'completed' ? { text: '已完成', tone: 'normal' as const } : dueLabel(task.dueAt, Date.now(), tz);
  const pct = percentDone(task);
  const next = nextStepLabel(task.next);
  return (
    <View className='qx-card' data-testid='task-card' data-status={task.status} onClick={onClick}>
      <View className='qx-row'>
        <Text className='qx-card__title'>{task.title}</Text>
        <Text className={`qx-card__meta qx-tone-${due.tone}`}>{due.text}</Text>
      </View>
      <Text className='qx-card__meta'>{`${task.required === false ? '选修' : '必修'} · ${statusLabel[task.status ?? ''] ?? '进行中'}${task.dueAt ? ` · 截止 ${formatDate(task.dueAt, tz)}` : ''}`}</Text>
      {pct !== null ? (
        <View className='qx-row'>
          <View className='qx-progress' style={{ flex: 1 }}>
            <View className='qx-progress__bar' style={{ width: `${pct}%` }} />
          </View>
          <Text className='qx-card__meta' data-testid='task-percent'>{`${pct}%${task.itemsTotal ? ` · ${task.itemsDone ?? 0}/${task.itemsTotal} 项` : ''}`}</Text>
        </View>
      ) : null}
      {next ? <Text className='qx-card__meta' data-testid='task-next'>{next}</Text> : null}
    </View>
  );
}

/** Opens the task's next step; a completed task opens its first item again. */
export async function openTask(task: Task) {
  if (task.next) {
    const target = nextStepTarget(task.next, task.id);
    go(target.path, target.params);
    return;
  }
  try {
    const { mine } = await myTask(task.id);
    const first = mine.items[0];
    if (!first) return;
    if (first.kind === 'course') go(routes.course, { id: first.refId });
    else if (first.kind === 'exam') go(routes.exam, { id: first.refId });
    else go(routes.doc, { id: first.refId, taskId: task.id });
  } catch (err) {
    notifyFailure(displayMessage(err));
  }
}

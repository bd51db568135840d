/** 任务: every training task assigned to me, paginated, with due dates and progress. */
import { View } from '@tarojs/components';
import { ListFooter, StateView } from '../../components/state-view';
import { TaskCard } from '../../components/task-card';
import { usePagedList } from '../../hooks/use-paged-list';
import { useSignedIn } from '../../hooks/use-signed-in';
import { go, routes } from '../../lib/routes';
import { myTasks } from '../../services/tasks';
import type { Task } from '../../services/types';

function open(task: Task) {
  const first = task.items?.find((i) => !i.done) ?? task.items?.[0];
  if (!first) return;
  if (first.kind === 'course') go(routes.course, { id: first.refId });
  else if (first.kind === 'exam') go(routes.exam, { id: first.refId });
  else go(routes.doc, { id: first.refId });
}

export default function Tasks() {
  useSignedIn();
  const list = usePagedList(myTasks);
  return (
    <View className='qx-page' data-testid='tasks'>
      <StateView loading={list.view === 'loading'} error={list.view === 'error' ? list.error : null} onRetry={list.reload} empty={list.view === 'empty'} emptyText='暂无培训任务'>
        {list.items.map((t) => <TaskCard key={t.id} task={t} onClick={() => open(t)} />)}
        <ListFooter status={list.status} hasMore={list.hasMore} error={list.error} onMore={list.loadMore} />
      </StateView>
    </View>
  );
}

/** 任务: every training task assigned to me, paginated, with due dates and progress. */
import { View } from '@tarojs/components';
import { PagedListView } from '../../components/state-view';
import { openTask, TaskCard } from '../../components/task-card';
import { usePagedList } from '../../hooks/use-paged-list';
import { useSignedIn } from '../../hooks/use-signed-in';
import { myTasks } from '../../services/tasks';

export default function Tasks() {
  useSignedIn();
  const list = usePagedList(myTasks);
  return (
    <View className='qx-page' data-testid='tasks'>
      <PagedListView list={list} emptyText='暂无培训任务'>
        {list.items.map((t) => <TaskCard key={t.id} task={t} onClick={() => openTask(t)} />)}
      </PagedListView>
    </View>
  );
}

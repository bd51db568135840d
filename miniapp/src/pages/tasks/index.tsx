/** 任务: every training task assigned to me, paginated, with due dates and progress. */
import { View } from '@tarojs/components';
import { PagedListView } from '../../components/state-view';
import { TaskCard } from '../../components/task-card';
import { usePagedList } from '../../hooks/use-paged-list';
import { useSignedIn } from '../../hooks/use-signed-in';
import { go, routes } from '../../lib/routes';
import Taro from '@tarojs/taro';
import { displayMessage } from '../../lib/api-error';
import { myTask, myTasks } from '../../services/tasks';
import type { Task } from '../../services/types';

/** Opens the task's first unfinished item (course, exam or document). */
async function open(task: Task) {
  try {
    const { mine } = await myTask(task.id);
    const next = mine.items.find((i) => !i.done) ?? mine.items[0];
    if (!next) return;
    if (next.kind === 'course') go(routes.course, { id: next.refId });
    else if (next.kind === 'exam') go(routes.exam, { id: next.refId });
    else go(routes.doc, { id: next.refId, taskId: task.id });
  } catch (err) {
    Taro.showToast({ title: displayMessage(err), icon: 'none' });
  }
}

export default function Tasks() {
  useSignedIn();
  const list = usePagedList(myTasks);
  return (
    <View className='qx-page' data-testid='tasks'>
      <PagedListView list={list} emptyText='暂无培训任务'>
        {list.items.map((t) => <TaskCard key={t.id} task={t} onClick={() => open(t)} />)}
      </PagedListView>
    </View>
  );
}

/** 培训任务: assign courses/exams/documents to departments and members; progress per assignee. */
import { useState } from 'react';
import { Input, Text, View } from '@tarojs/components';
import { AdminLayout, TableHead } from '../../../../components/admin-layout';
import { DepartmentPicker, type Picked } from '../../../../components/department-picker';
import { OpenDataName } from '../../../../components/open-data-name';
import { PagedListView, StateView } from '../../../../components/state-view';
import { usePagedList } from '../../../../hooks/use-paged-list';
import { useRequest } from '../../../../hooks/use-request';
import { useSignedIn } from '../../../../hooks/use-signed-in';
import { displayMessage } from '../../../../lib/api-error';
import { dueLabel } from '../../../../lib/hours';
import { routes } from '../../../../lib/routes';
import { listCourses } from '../../../../services/courses';
import { createTask, listTasks, taskAssignees } from '../../../../services/tasks';
import { taskSummary } from '../../../../services/admin';
import { useTimeZone } from '../../../../hooks/use-time-zone';
import { zonedTimeToUtc } from '../../../../lib/time';

export default function AdminTasks() {
  const tz = useTimeZone();
  useSignedIn();
  const tasks = usePagedList(listTasks);
  const courses = useRequest(() => listCourses(), []);
  const [title, setTitle] = useState('');
  const [due, setDue] = useState('');
  const [courseIds, setCourseIds] = useState<string[]>([]);
  const [picked, setPicked] = useState<Picked>({ departments: [], members: [] });
  const [open, setOpen] = useState<string | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  const assign = async () => {
    if (!title.trim()) return setMessage({ ok: false, text: '请填写任务名称' });
    if (!courseIds.length) return setMessage({ ok: false, text: '请选择至少一门课程' });
    if (!picked.departments.length && !picked.members.length) return setMessage({ ok: false, text: '请选择部门或成员' });
    try {
      await createTask({
        title: title.trim(),
        required: true,
        startsAt: new Date().toISOString(),
        dueAt: (due && zonedTimeToUtc(due, '23:59:59', tz)) || new Date(Date.now() + 30 * 86_400_000).toISOString(),
        items: courseIds.map((refId) => ({ kind: 'course' as const, refId })),
        targets: [...picked.departments.map((refId) => ({ kind: 'department' as const, refId })), ...picked.members.map((refId) => ({ kind: 'member' as const, refId }))],
      });
      setMessage({ ok: true, text: '任务已下发' });
      setTitle('');
      setPicked({ departments: [], members: [] });
      tasks.reload();
    } catch (err) {
      setMessage({ ok: false, text: displayMessage(err) });
    }
  };

  return (
    <AdminLayout active={routes.adminTasks} title='培训任务'>
      {message ? <View className={`qx-panel ${message.ok ? '' : 'qx-error-message'}`} data-testid='task-message'>{message.text}</View> : null}
      <View className='qx-panel' data-testid='assign-task'>
        <Text className='qx-panel__title'>下发任务</Text>
        <View className='qx-form-row'>
          <Text className='qx-form-row__label'>任务名称</Text>
          <Input className='qx-ainput' style={{ width: '320PX' }} data-testid='task-title' value={title} onInput={(e) => setTitle(e.detail.value)} />
          <Text className='qx-form-row__label'>截止日期</Text>
          <Input className='qx-ainput' placeholder='YYYY-MM-DD（默认 30 天后）' data-testid='task-due' value={due} onInput={(e) => setDue(e.detail.value)} />
        </View>
        <View className='qx-form-row' style={{ flexWrap: 'wrap' }}>
          <Text className='qx-form-row__label'>课程</Text>
          <StateView loading={courses.loading} error={courses.error} onRetry={courses.reload} empty={!courses.data?.items.length} emptyText='还没有课程'>
            {(courses.data?.items ?? []).map((c) => (
              <View
                key={c.id}
                data-testid='pick-course'
                className={`qx-abtn ${courseIds.includes(c.id) ? 'qx-abtn--primary' : ''}`}
                onClick={() => setCourseIds(courseIds.includes(c.id) ? courseIds.filter((x) => x !== c.id) : [...courseIds, c.id])}
              >
                {c.title}
              </View>
            ))}
          </StateView>
        </View>
        <DepartmentPicker value={picked} onChange={setPicked} />
        <View className='qx-abtn qx-abtn--primary' data-testid='assign' onClick={assign}>下发</View>
      </View>
      <View className='qx-panel'>
        <TableHead cells={['任务', '截止', '完成', '操作']} />
        <PagedListView list={tasks} emptyText='还没有任务'>
          {tasks.items.map((t) => (
            <View key={t.id}>
              <View className='qx-table__row' data-testid='task-row'>
                <Text className='qx-table__cell'>{t.title}</Text>
                <Text className='qx-table__cell'>{dueLabel(t.dueAt, Date.now(), tz).text}</Text>
                <TaskRate taskId={t.id} title={t.title} />
                <View className='qx-table__cell'>
                  <View className='qx-abtn' onClick={() => setOpen(open === t.id ? null : t.id)}>{open === t.id ? '收起' : '进度'}</View>
                </View>
              </View>
              {open === t.id ? <TaskProgress taskId={t.id} /> : null}
            </View>
          ))}
        </PagedListView>
      </View>
    </AdminLayout>
  );
}

function TaskRate({ taskId, title }: { taskId: string; title: string }) {
  const s = useRequest(() => taskSummary({ id: taskId, title }), [taskId]);
  return (
    <Text className='qx-table__cell' data-testid='task-rate'>
      {s.data ? `${s.data.completed}/${s.data.assignees}（${s.data.completionRate}%）` : s.error ? '—' : '…'}
    </Text>
  );
}

const assigneeStatus: Record<string, string> = { completed: '已完成', overdue: '已逾期', in_progress: '学习中', not_started: '未开始' };

function TaskProgress({ taskId }: { taskId: string }) {
  const [status, setStatus] = useState('');
  const rows = usePagedList((cursor) => taskAssignees(taskId, cursor, status || undefined), [taskId, status]);
  return (
    <View style={{ paddingLeft: '24PX' }} data-testid='task-progress'>
      <View style={{ display: 'flex', gap: '8PX', margin: '8PX 0' }}>
        {[['', '全部'], ...Object.entries(assigneeStatus)].map(([value, label]) => (
          <View key={value} data-testid='assignee-filter' className={`qx-abtn ${status === value ? 'qx-abtn--primary' : ''}`} onClick={() => setStatus(value)}>
            {label}
          </View>
        ))}
      </View>
      <PagedListView list={rows} emptyText='没有学员'>
        {rows.items.map((r) => (
          <View key={r.memberId} className='qx-table__row' data-testid='assignee-row' data-host-user-id={r.hostUserId ?? ''}>
            <View className='qx-table__cell'>
              <OpenDataName hostUserId={r.hostUserId} name={r.name} />
            </View>
            <Text className='qx-table__cell'>{r.itemsTotal ? `${r.itemsDone ?? 0}/${r.itemsTotal}` : r.progress !== undefined ? `${Math.round(r.progress * 100)}%` : '—'}</Text>
            <Text className='qx-table__cell'>{assigneeStatus[r.status] ?? r.status}</Text>
          </View>
        ))}
      </PagedListView>
    </View>
  );
}

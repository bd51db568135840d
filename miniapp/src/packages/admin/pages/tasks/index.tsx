/**
 * 培训任务: assign courses, exams and documents to departments, members or everyone (required or
 * elective, with a due date); edit the name, type, due date, contents and audience; archive; progress per assignee.
 */
import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { AdminLayout, TableHead } from '../../../../components/admin-layout';
import { DepartmentPicker, type Picked } from '../../../../components/department-picker';
import { OpenDataName } from '../../../../components/open-data-name';
import { PagedListView } from '../../../../components/state-view';
import { usePagedList } from '../../../../hooks/use-paged-list';
import { useRequest } from '../../../../hooks/use-request';
import { useSignedIn } from '../../../../hooks/use-signed-in';
import { useTimeZone } from '../../../../hooks/use-time-zone';
import { displayMessage } from '../../../../lib/api-error';
import { dueLabel } from '../../../../lib/hours';
import { routes } from '../../../../lib/routes';
import { formatDate, zonedTimeToUtc } from '../../../../lib/time';
import { archiveTask, createTask, listTasks, taskAssignees } from '../../../../services/tasks';
import { taskSummary } from '../../../../services/admin';
import type { Task } from '../../../../services/types';
import { act, notify } from '../../components/feedback';
import { Button, Choice, Field, TextInput, confirm } from '../../components/fields';
import { TaskEditor, audienceOf } from '../../components/task-editor';
import { TaskItemsPicker, type TaskItem } from '../../components/task-items-picker';

export default function AdminTasks() {
  useSignedIn();
  const zone = useTimeZone();
  const tasks = usePagedList(listTasks);
  const [title, setTitle] = useState('');
  const [due, setDue] = useState('');
  const [required, setRequired] = useState('yes');
  const [items, setItems] = useState<TaskItem[]>([]);
  const [everyone, setEveryone] = useState('no');
  const [picked, setPicked] = useState<Picked>({ departments: [], members: [] });
  const [open, setOpen] = useState<string | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  const fail = (text: string) => {
    setMessage({ ok: false, text });
    notify.fail(text);
  };

  const assign = async () => {
    if (!title.trim()) return fail('请填写任务名称');
    if (!items.length) return fail('请选择至少一门课程、一场考试或一篇文档');
    const targets = audienceOf(everyone === 'yes', picked);
    if (!targets.length) return fail('请选择部门或成员，或指派给全员');
    const dueAt = due.trim() ? zonedTimeToUtc(due.trim(), '23:59:59', zone) : new Date(Date.now() + 30 * 86_400_000).toISOString();
    if (!dueAt) return fail('截止日期格式为 2026-03-01');
    try {
      await createTask({ title: title.trim(), required: required === 'yes', startsAt: new Date().toISOString(), dueAt, items: items.map(({ kind, refId }) => ({ kind, refId })), targets });
      setMessage({ ok: true, text: `任务已下发：${title.trim()}` });
      notify.ok('任务已下发');
      setTitle('');
      setItems([]);
      setPicked({ departments: [], members: [] });
      tasks.reload();
    } catch (err) {
      fail(displayMessage(err));
    }
  };

  const archive = async (t: Task) => {
    if (!(await confirm('归档任务', `归档「${t.title}」？学员将不再看到它，已完成的记录保留。`))) return;
    await act(() => archiveTask(t.id), '任务已归档', tasks.reload);
  };

  return (
    <AdminLayout active={routes.adminTasks} title='培训任务'>
      <View className='qx-panel' data-testid='assign-task'>
        <Text className='qx-panel__title'>下发任务</Text>
        <Field label='任务名称'><TextInput value={title} onChange={setTitle} width='360PX' testId='task-title' /></Field>
        <Field label='截止日期' hint='当天 23:59 截止；留空为 30 天后'><TextInput value={due} onChange={setDue} width='140PX' placeholder='2026-03-01' testId='task-due' /></Field>
        <Field label='类型'><Choice value={required} onChange={setRequired} testId='task-required' options={[{ value: 'yes', label: '必修' }, { value: 'no', label: '选修' }]} /></Field>
        <TaskItemsPicker value={items} onChange={setItems} />
        <Field label='指派对象'><Choice value={everyone} onChange={setEveryone} options={[{ value: 'no', label: '指定部门或成员' }, { value: 'yes', label: '全员' }]} /></Field>
        {everyone === 'no' ? <DepartmentPicker value={picked} onChange={setPicked} /> : null}
        <View className='qx-actions' style={{ alignItems: 'center' }}>
          <Button primary onClick={assign} testId='assign'>下发</Button>
          {message ? <Text data-testid='task-message' className={message.ok ? '' : 'qx-error-message'}>{message.text}</Text> : null}
        </View>
      </View>
      <View className='qx-panel'>
        <TableHead cells={['任务', '类型', '截止', '完成', '操作']} />
        <PagedListView list={tasks} emptyText='还没有任务'>
          {tasks.items.map((t) => (
            <View key={t.id}>
              <View className='qx-table__row' data-testid='task-row'>
                <Text className='qx-table__cell'>{t.title}</Text>
                <Text className='qx-table__cell'>{t.required === false ? '选修' : '必修'}</Text>
                <Text className='qx-table__cell'>{`${formatDate(t.dueAt, zone)}（${dueLabel(t.dueAt, Date.now(), zone).text}）`}</Text>
                <TaskRate taskId={t.id} title={t.title} />
                <View className='qx-table__cell qx-actions'>
                  <Button onClick={() => setOpen(open === t.id ? null : t.id)}>{open === t.id ? '收起' : '进度'}</Button>
                  <Button onClick={() => setEditing(editing === t.id ? null : t.id)} testId='edit-task'>编辑</Button>
                  <Button danger onClick={() => archive(t)}>归档</Button>
                </View>
              </View>
              {editing === t.id ? <TaskEditor taskId={t.id} onDone={() => { setEditing(null); tasks.reload(); }} /> : null}
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

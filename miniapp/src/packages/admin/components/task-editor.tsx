/** Editing a task: name, required or elective, due date, contents (courses, exams, documents) and the audience. */
import { useState } from 'react';
import { View } from '@tarojs/components';
import { DepartmentPicker, type Picked } from '../../../components/department-picker';
import { StateView } from '../../../components/state-view';
import { useRequest } from '../../../hooks/use-request';
import { useSeed } from '../../../hooks/use-seed';
import { useTimeZone } from '../../../hooks/use-time-zone';
import { formatDate, zonedTimeToUtc } from '../../../lib/time';
import { taskDetail, updateTask, type TaskTarget } from '../../../services/tasks';
import { act, notify } from './feedback';
import { Button, Choice, Field, TextInput } from './fields';
import { TaskItemsPicker, type TaskItem } from './task-items-picker';

const kindLabel: Record<string, string> = { course: '课程', exam: '考试', document: '文档' };

export function audienceOf(everyone: boolean, picked: Picked): TaskTarget[] {
  if (everyone) return [{ kind: 'enterprise' }];
  return [...picked.departments.map((refId) => ({ kind: 'department' as const, refId })), ...picked.members.map((refId) => ({ kind: 'member' as const, refId }))];
}

export function TaskEditor({ taskId, onDone }: { taskId: string; onDone: () => void }) {
  const zone = useTimeZone();
  const detail = useRequest(() => taskDetail(taskId), [taskId]);
  const [title, setTitle] = useState('');
  const [required, setRequired] = useState('yes');
  const [due, setDue] = useState('');
  const [everyone, setEveryone] = useState('no');
  const [picked, setPicked] = useState<Picked>({ departments: [], members: [] });
  const [items, setItems] = useState<TaskItem[]>([]);

  const seeded = useSeed(detail.data, (d) => {
    setTitle(d.task.title);
    setRequired(d.task.required === false ? 'no' : 'yes');
    setDue(formatDate(d.task.dueAt, zone));
    setItems(d.items.map((i) => ({ kind: i.kind, refId: i.refId, title: i.title ?? kindLabel[i.kind] ?? i.kind })));
    setEveryone(d.targets.some((t) => t.kind === 'enterprise') ? 'yes' : 'no');
    setPicked({
      departments: d.targets.filter((t) => t.kind === 'department' && t.refId).map((t) => t.refId!),
      members: d.targets.filter((t) => t.kind === 'member' && t.refId).map((t) => t.refId!),
    });
  });

  const save = () => {
    const dueAt = zonedTimeToUtc(due.trim(), '23:59:59', zone);
    if (!title.trim()) return notify.fail('请填写任务名称');
    if (!dueAt) return notify.fail('截止日期格式为 2026-03-01');
    const targets = audienceOf(everyone === 'yes', picked);
    if (!targets.length) return notify.fail('请选择部门或成员，或指派给全员');
    if (!items.length) return notify.fail('请选择至少一门课程、一场考试或一篇文档');
    const contents = items.map(({ kind, refId }) => ({ kind, refId }));
    return act(() => updateTask(taskId, { title: title.trim(), required: required === 'yes', dueAt, targets, items: contents }), '任务已更新', onDone);
  };

  return (
    <View className='qx-subtable' data-testid='task-editor'>
      <StateView loading={detail.loading || !seeded} error={detail.error} onRetry={detail.reload}>
        <Field label='任务名称'><TextInput value={title} onChange={setTitle} width='360PX' testId='edit-task-title' /></Field>
        <Field label='类型'><Choice value={required} onChange={setRequired} options={[{ value: 'yes', label: '必修' }, { value: 'no', label: '选修' }]} /></Field>
        <Field label='截止日期' hint='当天 23:59 截止'><TextInput value={due} onChange={setDue} width='140PX' placeholder='2026-03-01' testId='edit-task-due' /></Field>
        <TaskItemsPicker value={items} onChange={setItems} />
        <View className='qx-form-row__hint'>已完成的内容保留记录；新增的内容，学员此前学过、考过或读过的也计入</View>
        <Field label='指派对象'><Choice value={everyone} onChange={setEveryone} options={[{ value: 'no', label: '指定部门或成员' }, { value: 'yes', label: '全员' }]} /></Field>
        {everyone === 'no' ? <DepartmentPicker value={picked} onChange={setPicked} /> : null}
        <View className='qx-actions'>
          <Button primary onClick={save} testId='save-task'>保存</Button>
          <Button onClick={onDone}>取消</Button>
        </View>
      </StateView>
    </View>
  );
}

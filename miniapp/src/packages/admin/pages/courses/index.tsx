/** 课程管理: the course list (status, publish/unpublish, delete) and the course editor. */
import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { AdminLayout, TableHead } from '../../../../components/admin-layout';
import { PagedListView } from '../../../../components/state-view';
import { usePagedList } from '../../../../hooks/use-paged-list';
import { useSignedIn } from '../../../../hooks/use-signed-in';
import { useTimeZone } from '../../../../hooks/use-time-zone';
import { routes } from '../../../../lib/routes';
import { formatDateTime } from '../../../../lib/time';
import { createCourse, deleteCourse, listCourses, publishCourse, unpublishCourse } from '../../../../services/courses';
import type { Course } from '../../../../services/types';
import { CourseEditor } from '../../components/course-editor';
import { act, notify } from '../../components/feedback';
import { Button, Choice, Field, TextInput, confirm } from '../../components/fields';

const statusLabel: Record<string, string> = { draft: '草稿', published: '已发布', unpublished: '已下架' };

export default function AdminCourses() {
  useSignedIn();
  const zone = useTimeZone();
  const courses = usePagedList(listCourses);
  const [editing, setEditing] = useState<string | null>(null);
  const [form, setForm] = useState({ title: '', hours: '1', required: 'no' });

  const create = () => {
    if (!form.title.trim()) return notify.fail('请填写课程名称');
    return act(() => createCourse({ title: form.title.trim(), creditHours: Number(form.hours) || 0, required: form.required === 'yes' }), '课程已创建，请添加章节', (c) => {
      setForm({ title: '', hours: '1', required: 'no' });
      courses.reload();
      setEditing(c.id);
    });
  };

  const remove = async (c: Course) => {
    if (!(await confirm('删除课程', `删除「${c.title}」及其全部章节？已有学员学习或被培训任务引用的课程不能删除，可改为下架。`))) return;
    await act(() => deleteCourse(c.id), '课程已删除', courses.reload);
  };

  if (editing) {
    return (
      <AdminLayout active={routes.adminCourses} title='编辑课程'>
        <CourseEditor courseId={editing} onClose={() => { setEditing(null); courses.reload(); }} />
      </AdminLayout>
    );
  }

  return (
    <AdminLayout active={routes.adminCourses} title='课程管理'>
      <View className='qx-panel'>
        <Text className='qx-panel__title'>新建课程</Text>
        <Field label='课程名称'><TextInput value={form.title} onChange={(title) => setForm({ ...form, title })} width='360PX' testId='new-course-title' /></Field>
        <Field label='学时'><TextInput value={form.hours} onChange={(hours) => setForm({ ...form, hours })} width='80PX' type='digit' /></Field>
        <Field label='类型'><Choice value={form.required} onChange={(required) => setForm({ ...form, required })} options={[{ value: 'yes', label: '必修' }, { value: 'no', label: '选修' }]} /></Field>
        <Button primary onClick={create} testId='create-course'>创建并编辑章节</Button>
      </View>
      <View className='qx-panel'>
        <TableHead cells={['课程', '学时', '类型', '状态', '更新时间', '操作']} />
        <PagedListView list={courses} emptyText='还没有课程，先在上方新建一门'>
          {courses.items.map((c) => (
            <View key={c.id} className='qx-table__row' data-testid='course-row'>
              <Text className='qx-table__cell'>{c.title}</Text>
              <Text className='qx-table__cell'>{c.creditHours}</Text>
              <Text className='qx-table__cell'>{c.required ? '必修' : '选修'}</Text>
              <Text className='qx-table__cell'>{statusLabel[c.status ?? ''] ?? '—'}</Text>
              <Text className='qx-table__cell'>{formatDateTime(c.updatedAt, zone) || '—'}</Text>
              <View className='qx-table__cell qx-actions'>
                <Button onClick={() => setEditing(c.id)} testId='edit-course'>编辑</Button>
                {c.status === 'published' ? (
                  <Button onClick={() => act(() => unpublishCourse(c.id), '已下架：学员不再看到这门课程', courses.reload)}>下架</Button>
                ) : (
                  <Button onClick={() => act(() => publishCourse(c.id), '已发布', courses.reload)} testId='publish-course'>发布</Button>
                )}
                <Button danger onClick={() => remove(c)}>删除</Button>
              </View>
            </View>
          ))}
        </PagedListView>
      </View>
    </AdminLayout>
  );
}

/** 课程管理: courses with credit hours, a new course with its first chapter, publish. */
import { useState } from 'react';
import { Input, Text, View } from '@tarojs/components';
import { AdminLayout, TableHead } from '../../../../components/admin-layout';
import { PagedListView } from '../../../../components/state-view';
import { usePagedList } from '../../../../hooks/use-paged-list';
import { useSignedIn } from '../../../../hooks/use-signed-in';
import { displayMessage } from '../../../../lib/api-error';
import { routes } from '../../../../lib/routes';
import { addChapter, createCourse, listCourses, publishCourse } from '../../../../services/courses';
import { listExams } from '../../../../services/exams';
import { useRequest } from '../../../../hooks/use-request';

const statusLabel: Record<string, string> = { draft: '草稿', published: '已发布', unpublished: '已下架' };

export default function AdminCourses() {
  useSignedIn();
  const courses = usePagedList(listCourses);
  const [form, setForm] = useState({ title: '', hours: '1', chapter: '', videoUrl: '', duration: '60', examId: '' });
  const exams = useRequest(() => listExams(), []);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  const save = async () => {
    if (!form.title.trim()) return setMessage({ ok: false, text: '请填写课程名称' });
    setBusy(true);
    setMessage(null);
    try {
      const course = await createCourse({ title: form.title.trim(), creditHours: Number(form.hours) || 0, ...(form.examId && { examId: form.examId }) });
      if (form.chapter.trim()) {
        await addChapter(course.id, form.videoUrl
          ? { title: form.chapter.trim(), kind: 'video', mediaUrl: form.videoUrl, durationSec: Number(form.duration) || 60 }
          : { title: form.chapter.trim(), kind: 'article', body: `<p>${form.chapter.trim()}</p>` });
      }
      setMessage({ ok: true, text: `已创建「${course.title}」` });
      setForm({ ...form, title: '', chapter: '' });
      courses.reload();
    } catch (err) {
      setMessage({ ok: false, text: displayMessage(err) });
    } finally {
      setBusy(false);
    }
  };

  const publish = (id: string) =>
    publishCourse(id).then(courses.reload, (err) => setMessage({ ok: false, text: displayMessage(err) }));

  const field = (key: keyof typeof form, label: string, width = '240PX') => (
    <>
      <Text className='qx-form-row__label'>{label}</Text>
      <Input className='qx-ainput' style={{ width }} value={form[key]} onInput={(e) => setForm({ ...form, [key]: e.detail.value })} />
    </>
  );

  return (
    <AdminLayout active={routes.adminCourses} title='课程管理'>
      {message ? <View className={`qx-panel ${message.ok ? '' : 'qx-error-message'}`}>{message.text}</View> : null}
      <View className='qx-panel'>
        <Text className='qx-panel__title'>新建课程</Text>
        <View className='qx-form-row'>{field('title', '课程名称', '320PX')}{field('hours', '学时', '80PX')}</View>
        <View className='qx-form-row'>{field('chapter', '第一章标题')}{field('videoUrl', '视频地址（可选）', '280PX')}{field('duration', '时长（秒）', '80PX')}</View>
        <View className='qx-form-row' style={{ flexWrap: 'wrap' }}>
          <Text className='qx-form-row__label'>课程考试</Text>
          {[{ id: '', title: '不设考试' }, ...(exams.data?.items ?? [])].map((e) => (
            <View key={e.id} className={`qx-abtn ${form.examId === e.id ? 'qx-abtn--primary' : ''}`} onClick={() => setForm({ ...form, examId: e.id })}>
              {e.title}
            </View>
          ))}
        </View>
        <View className={`qx-abtn qx-abtn--primary ${busy ? 'qx-abtn--disabled' : ''}`} onClick={save}>保存课程</View>
      </View>
      <View className='qx-panel'>
        <TableHead cells={['课程', '学时', '类型', '状态', '操作']} />
        <PagedListView list={courses} emptyText='还没有课程'>
          {courses.items.map((c) => (
            <View key={c.id} className='qx-table__row'>
              <Text className='qx-table__cell'>{c.title}</Text>
              <Text className='qx-table__cell'>{c.creditHours}</Text>
              <Text className='qx-table__cell'>{c.required ? '必修' : '选修'}</Text>
              <Text className='qx-table__cell'>{statusLabel[c.status ?? ''] ?? c.status ?? '—'}</Text>
              <View className='qx-table__cell'>
                {c.status !== 'published' ? <View className='qx-abtn' onClick={() => publish(c.id)}>发布</View> : null}
              </View>
            </View>
          ))}
        </PagedListView>
      </View>
    </AdminLayout>
  );
}

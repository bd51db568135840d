/**
 * One course being edited: its settings, its chapters in order (move up/down), each chapter's
 * form — a reading chapter's body in the body editor, a video chapter's link and length.
 */
import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { StateView } from '../../../components/state-view';
import { TableHead } from '../../../components/admin-layout';
import { useRequest } from '../../../hooks/use-request';
import { useSeed } from '../../../hooks/use-seed';
import { htmlToText, textToHtml } from '../../../lib/rich-text';
import { addChapter, deleteChapter, getCourse, orderChapters, updateChapter, updateCourse, type ChapterInput } from '../../../services/courses';
import { listExams } from '../../../services/exams';
import type { Chapter } from '../../../services/types';
import { BodyEditor } from './body-editor';
import { act, notify } from './feedback';
import { Button, Choice, Field, TextArea, TextInput, confirm } from './fields';

const kindLabel: Record<string, string> = { article: '图文', video: '视频', document: '文档', knowledge: '知识库文档' };

export function CourseEditor({ courseId, onClose }: { courseId: string; onClose: () => void }) {
  const loaded = useRequest(() => getCourse(courseId), [courseId]);
  const exams = useRequest(() => listExams(), []);
  const [form, setForm] = useState({ title: '', description: '', hours: '0', validityDays: '90', required: 'no', examId: '' });
  const [chapters, setChapters] = useState<Chapter[]>([]);
  const [editing, setEditing] = useState<string | 'new' | null>(null);

  const seeded = useSeed(loaded.data, ({ course: c, chapters: list }) => {
    setForm({
      title: c.title, description: c.description ?? '', hours: String(c.creditHours), validityDays: String(c.validityDays ?? 90),
      required: c.required ? 'yes' : 'no', examId: c.examId ?? '',
    });
    setChapters(list);
  });

  const saveCourse = () => {
    if (!form.title.trim()) return notify.fail('请填写课程名称');
    return act(
      () => updateCourse(courseId, {
        title: form.title.trim(), description: form.description.trim() || null, creditHours: Number(form.hours) || 0,
        validityDays: Number(form.validityDays) || 90, required: form.required === 'yes', examId: form.examId || null,
      }),
      '课程已保存',
    );
  };

  const move = (index: number, by: -1 | 1) => {
    const next = [...chapters];
    const [c] = next.splice(index, 1);
    next.splice(index + by, 0, c);
    return act(() => orderChapters(courseId, next.map((x) => x.id)), '章节顺序已保存', setChapters);
  };

  const remove = async (c: Chapter) => {
    if (!(await confirm('删除章节', `删除「${c.title}」？学员在本章的学习记录将不再计入课程。`))) return;
    await act(() => deleteChapter(c.id), '章节已删除', () => setChapters(chapters.filter((x) => x.id !== c.id)));
  };

  const set = (key: keyof typeof form) => (v: string) => setForm({ ...form, [key]: v });
  return (
    <View data-testid='course-editor'>
      <StateView loading={loaded.loading || !seeded} error={loaded.error} onRetry={loaded.reload}>
        <View className='qx-panel'>
          <Text className='qx-panel__title'>课程信息</Text>
          <Field label='课程名称'><TextInput value={form.title} onChange={set('title')} width='420PX' testId='course-title' /></Field>
          <Field label='简介'><TextArea value={form.description} onChange={set('description')} height='64PX' /></Field>
          <Field label='学时'><TextInput value={form.hours} onChange={set('hours')} width='80PX' type='digit' /></Field>
          <Field label='学习有效期' hint='天，自报名起计算'><TextInput value={form.validityDays} onChange={set('validityDays')} width='80PX' type='number' /></Field>
          <Field label='类型'><Choice value={form.required} onChange={set('required')} options={[{ value: 'yes', label: '必修' }, { value: 'no', label: '选修' }]} /></Field>
          <Field label='课程考试'>
            <Choice value={form.examId} onChange={set('examId')} options={[{ value: '', label: '不设考试' }, ...(exams.data?.items ?? []).map((e) => ({ value: e.id, label: e.title }))]} />
          </Field>
          <View className='qx-actions'>
            <Button primary onClick={saveCourse} testId='save-course'>保存课程信息</Button>
            <Button onClick={onClose}>返回课程列表</Button>
          </View>
        </View>
        <View className='qx-panel'>
          <Text className='qx-panel__title'>{`章节（${chapters.length}）`}</Text>
          <TableHead cells={['序号', '章节', '类型', '时长 / 最短阅读', '操作（↑↓ 调整顺序）']} />
          {chapters.length === 0 ? <Text className='qx-form-row__hint'>还没有章节：至少一章才能发布</Text> : null}
          {chapters.map((c, i) => (
            <View key={c.id}>
              <View className='qx-table__row' data-testid='chapter-row'>
                <Text className='qx-table__cell'>{i + 1}</Text>
                <Text className='qx-table__cell'>{c.title}</Text>
                <Text className='qx-table__cell'>{kindLabel[c.kind] ?? c.kind}</Text>
                <Text className='qx-table__cell'>{c.kind === 'video' ? `${c.durationSec ?? '—'} 秒` : `${c.minReadSec ?? 30} 秒`}</Text>
                <View className='qx-table__cell qx-actions'>
                  <Button disabled={i === 0} onClick={() => move(i, -1)} testId='chapter-up'>↑</Button>
                  <Button disabled={i === chapters.length - 1} onClick={() => move(i, 1)} testId='chapter-down'>↓</Button>
                  <Button onClick={() => setEditing(editing === c.id ? null : c.id)}>{editing === c.id ? '收起' : '编辑'}</Button>
                  <Button danger onClick={() => remove(c)}>删除</Button>
                </View>
              </View>
              {editing === c.id ? (
                <ChapterForm
                  chapter={c}
                  onSave={(input) => act(() => updateChapter(c.id, input), '章节已保存', (saved) => { setChapters(chapters.map((x) => (x.id === c.id ? saved : x))); setEditing(null); })}
                />
              ) : null}
            </View>
          ))}
          {editing === 'new' ? (
            <ChapterForm onSave={(input) => act(() => addChapter(courseId, input), '章节已添加', (saved) => { setChapters([...chapters, saved]); setEditing(null); })} />
          ) : (
            <View style={{ marginTop: '12PX' }}><Button primary onClick={() => setEditing('new')} testId='add-chapter'>添加章节</Button></View>
          )}
        </View>
      </StateView>
    </View>
  );
}

/** A chapter's form: 图文 (body, minimum reading time) or 视频 (link, length). */
function ChapterForm({ chapter, onSave }: { chapter?: Chapter; onSave: (input: ChapterInput) => Promise<unknown> }) {
  const [kind, setKind] = useState<'article' | 'video'>(chapter?.kind === 'video' ? 'video' : 'article');
  const [title, setTitle] = useState(chapter?.title ?? '');
  const [text, setText] = useState(chapter?.body ? htmlToText(chapter.body) : '');
  const [minRead, setMinRead] = useState(String(chapter?.minReadSec ?? 30));
  const [url, setUrl] = useState(chapter?.mediaUrl ?? '');
  const [duration, setDuration] = useState(chapter?.durationSec ? String(chapter.durationSec) : '');
  const [busy, setBusy] = useState(false);

  const save = async () => {
    if (!title.trim()) return notify.fail('请填写章节标题');
    if (kind === 'article' && !text.trim()) return notify.fail('请填写正文');
    if (kind === 'video' && (!/^https?:\/\//.test(url.trim()) || !(Number(duration) > 0))) return notify.fail('请填写以 http(s) 开头的视频地址和视频时长（秒）');
    setBusy(true);
    await onSave(
      kind === 'article'
        ? { title: title.trim(), kind, body: textToHtml(text), minReadSec: Number(minRead) || 30 }
        : { title: title.trim(), kind, mediaUrl: url.trim(), durationSec: Math.round(Number(duration)) },
    );
    setBusy(false);
  };

  return (
    <View className='qx-subtable' data-testid='chapter-form'>
      {chapter ? null : <Field label='章节类型'><Choice value={kind} onChange={setKind} options={[{ value: 'article', label: '图文' }, { value: 'video', label: '视频' }]} testId='chapter-kind' /></Field>}
      <Field label='章节标题'><TextInput value={title} onChange={setTitle} width='420PX' testId='chapter-title' /></Field>
      {kind === 'article' ? (
        <>
          <BodyEditor value={text} onChange={setText} testId='chapter-body' />
          <Field label='最短阅读' hint='秒：学员至少阅读这么久本章才算完成'><TextInput value={minRead} onChange={setMinRead} width='80PX' type='number' /></Field>
        </>
      ) : (
        <>
          <Field label='视频地址' hint='http(s) 链接'><TextInput value={url} onChange={setUrl} width='480PX' placeholder='https://…/video.mp4' testId='chapter-video-url' /></Field>
          <Field label='视频时长' hint='秒'><TextInput value={duration} onChange={setDuration} width='80PX' type='number' testId='chapter-duration' /></Field>
        </>
      )}
      <Button primary disabled={busy} onClick={save} testId='save-chapter'>{chapter ? '保存章节' : '添加'}</Button>
    </View>
  );
}

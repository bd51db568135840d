/**
 * 考试与题库: exams (settings, paper, publish/close, delete) and the question bank (by form and by
 * Excel: template download, upload, outcome; edit, delete).
 */
import { useState } from 'react';
import { Input, Text, View } from '@tarojs/components';
import { AdminLayout, TableHead } from '../../../../components/admin-layout';
import { PagedListView } from '../../../../components/state-view';
import { usePagedList } from '../../../../hooks/use-paged-list';
import { useSignedIn } from '../../../../hooks/use-signed-in';
import { ApiError, displayMessage } from '../../../../lib/api-error';
import { routes } from '../../../../lib/routes';
import { pickFile } from '../../../../platform/files';
import {
  closeExam, createExam, createQuestion, deleteExam, deleteQuestion, listExams, listQuestions, publishExam, setPaper, updateQuestion, type BankQuestion, type Exam,
} from '../../../../services/exams';
import { download, uploadRaw } from '../../../../services/files';
import { ExamSettings } from '../../components/exam-settings';
import { act, notify } from '../../components/feedback';
import { Button, Choice, confirm } from '../../components/fields';
import { QuestionForm, typeLabel } from '../../components/question-form';

interface ImportOutcome {
  imported?: number;
}

interface ImportProblem {
  row?: number;
  field?: string;
  message: string;
}

export default function Exams() {
  useSignedIn();
  const exams = usePagedList(listExams);
  const [title, setTitle] = useState('');
  const [passScore, setPassScore] = useState('60');
  const [minutes, setMinutes] = useState('30');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [outcome, setOutcome] = useState<ImportOutcome | null>(null);
  const [problems, setProblems] = useState<ImportProblem[]>([]);
  const [paperFor, setPaperFor] = useState<Exam | null>(null);
  const [settingsFor, setSettingsFor] = useState<string | null>(null);
  const [tab, setTab] = useState<'exams' | 'bank'>('exams');

  const removeExam = async (e: Exam) => {
    if (!(await confirm('删除考试', `删除「${e.title}」？已有人参加、或被课程和培训任务引用的考试不能删除，可改为关闭。`))) return;
    await act(() => deleteExam(e.id), '考试已删除', exams.reload);
  };

  const create = async () => {
    if (!title.trim()) return notify.fail('请填写考试名称');
    setBusy(true);
    try {
      await createExam({ title: title.trim(), passScore: Number(passScore) || 60, timeLimitSec: (Number(minutes) || 60) * 60 });
      setTitle('');
      notify.ok('考试已创建，请在列表中组卷并发布');
      exams.reload();
    } catch (err) {
      notify.fail(err);
    } finally {
      setBusy(false);
    }
  };

  const importQuestions = async () => {
    setOutcome(null);
    setProblems([]);
    setMessage(null);
    const file = await pickFile(['xlsx']);
    if (!file) return;
    setBusy(true);
    try {
      setOutcome(await uploadRaw<ImportOutcome>('/api/v1/questions/import', file.data));
    } catch (err) {
      setMessage({ ok: false, text: displayMessage(err) });
      const problems = err instanceof ApiError ? (err.details as { problems?: ImportProblem[] } | undefined)?.problems : undefined;
      setProblems(problems ?? []);
    } finally {
      setBusy(false);
    }
  };

  return (
    <AdminLayout
      active={routes.adminExams}
      title='考试与题库'
      actions={
        <>
          <View className='qx-abtn' onClick={() => download('/api/v1/questions/template', '题库导入模板.xlsx').catch((e) => setMessage({ ok: false, text: displayMessage(e) }))}>
            下载导入模板
          </View>
          <View className={`qx-abtn qx-abtn--primary ${busy ? 'qx-abtn--disabled' : ''}`} data-testid='import-questions' onClick={importQuestions}>
            从 Excel 导入题目
          </View>
        </>
      }
    >
      <View style={{ marginBottom: '12PX' }}>
        <Choice value={tab} onChange={setTab} testId='exam-tab' options={[{ value: 'exams', label: '考试' }, { value: 'bank', label: '题库' }]} />
      </View>
      {message ? <View className={`qx-panel ${message.ok ? '' : 'qx-error-message'}`}>{message.text}</View> : null}
      {outcome ? (
        <View className='qx-panel' data-testid='import-outcome'>
          <Text className='qx-panel__title'>{`已导入 ${outcome.imported ?? 0} 题`}</Text>
        </View>
      ) : null}
      {problems.length ? (
        <View className='qx-panel' data-testid='import-problems'>
          {problems.slice(0, 50).map((p, i) => (
            <View key={i} className='qx-error-message'>{`${p.row ? `第 ${p.row} 行` : ''}${p.field ? `（${p.field}）` : ''}：${p.message}`}</View>
          ))}
        </View>
      ) : null}
      {tab === 'bank' ? <QuestionBank /> : null}
      {tab === 'exams' ? (<>
      <View className='qx-panel'>
        <Text className='qx-panel__title'>新建考试</Text>
        <View className='qx-form-row'>
          <Text className='qx-form-row__label'>考试名称</Text>
          <Input className='qx-ainput' style={{ width: '320PX' }} value={title} onInput={(e) => setTitle(e.detail.value)} />
        </View>
        <View className='qx-form-row'>
          <Text className='qx-form-row__label'>及格分</Text>
          <Input className='qx-ainput' type='number' value={passScore} onInput={(e) => setPassScore(e.detail.value)} />
          <Text className='qx-form-row__label'>限时（分钟）</Text>
          <Input className='qx-ainput' type='number' value={minutes} onInput={(e) => setMinutes(e.detail.value)} />
          <View className={`qx-abtn qx-abtn--primary ${busy ? 'qx-abtn--disabled' : ''}`} onClick={create}>创建</View>
        </View>
      </View>
      <View className='qx-panel'>
        <TableHead cells={['考试', '及格分', '限时', '次数限制', '状态', '操作']} />
        <PagedListView list={exams} emptyText='还没有考试'>
          {exams.items.map((e) => (
            <View key={e.id}>
            <View className='qx-table__row' data-testid='exam-row'>
              <Text className='qx-table__cell'>{e.title}</Text>
              <Text className='qx-table__cell'>{e.passScore ?? '—'}</Text>
              <Text className='qx-table__cell'>{e.timeLimitSec ? `${Math.round(e.timeLimitSec / 60)} 分钟` : '—'}</Text>
              <Text className='qx-table__cell'>{e.maxAttempts ?? '不限'}</Text>
              <Text className='qx-table__cell'>{statusLabel[e.status ?? ''] ?? e.status ?? '—'}</Text>
              <View className='qx-table__cell qx-actions'>
                <Button primary={settingsFor === e.id} onClick={() => setSettingsFor(settingsFor === e.id ? null : e.id)} testId='exam-settings-toggle'>设置</Button>
                <Button primary={paperFor?.id === e.id} onClick={() => setPaperFor(paperFor?.id === e.id ? null : e)}>组卷</Button>
                {e.status === 'published' ? (
                  <Button onClick={() => act(() => closeExam(e.id), '考试已关闭：不能再开始新的考试', exams.reload)}>关闭</Button>
                ) : (
                  <Button onClick={() => act(() => publishExam(e.id), '考试已发布', exams.reload)} testId='publish-exam'>发布</Button>
                )}
                <Button danger onClick={() => removeExam(e)}>删除</Button>
              </View>
            </View>
            {settingsFor === e.id ? <ExamSettings exam={e} onSaved={() => { setSettingsFor(null); exams.reload(); }} /> : null}
            </View>
          ))}
        </PagedListView>
      </View>
      {paperFor ? <PaperEditor exam={paperFor} onDone={(text) => { notify.ok(text); setPaperFor(null); }} /> : null}
      </>) : null}
    </AdminLayout>
  );
}

const statusLabel: Record<string, string> = { draft: '草稿', published: '已发布', closed: '已关闭' };

/** The bank: questions by form (every type), edited and deleted in place. */
function QuestionBank() {
  const bank = usePagedList(listQuestions);
  const [editing, setEditing] = useState<string | 'new' | null>(null);
  const remove = async (q: BankQuestion) => {
    if (!(await confirm('删除题目', '删除后题目不再出现在题库和随机组卷中；已组好的试卷和已提交的答卷不受影响。'))) return;
    await act(() => deleteQuestion(q.id), '题目已删除', bank.reload);
  };
  return (
    <View className='qx-panel' data-testid='question-bank'>
      <View className='qx-actions' style={{ marginBottom: '12PX' }}>
        <Text className='qx-panel__title' style={{ flex: 1 }}>题库</Text>
        {editing === 'new' ? null : <Button primary onClick={() => setEditing('new')} testId='new-question'>新建题目</Button>}
      </View>
      {editing === 'new' ? (
        <QuestionForm onCancel={() => setEditing(null)} onSave={(input) => act(() => createQuestion(input), '题目已添加', () => { setEditing(null); bank.reload(); })} />
      ) : null}
      <TableHead cells={['题型', '题干', '难度', '标签', '操作']} />
      <PagedListView list={bank} emptyText='题库还没有题目：新建题目，或从 Excel 导入'>
        {bank.items.map((q) => (
          <View key={q.id}>
            <View className='qx-table__row' data-testid='question-row'>
              <Text className='qx-table__cell'>{typeLabel[q.type] ?? q.type}</Text>
              <Text className='qx-table__cell'>{q.stem}</Text>
              <Text className='qx-table__cell'>{q.difficulty ? `${q.difficulty} 级` : '—'}</Text>
              <Text className='qx-table__cell'>{(q.tags ?? []).join('、') || '—'}</Text>
              <View className='qx-table__cell qx-actions'>
                <Button onClick={() => setEditing(editing === q.id ? null : q.id)} testId='edit-question'>{editing === q.id ? '收起' : '编辑'}</Button>
                <Button danger onClick={() => remove(q)}>删除</Button>
              </View>
            </View>
            {editing === q.id ? (
              <QuestionForm question={q} onCancel={() => setEditing(null)} onSave={(input) => act(() => updateQuestion(q.id, input), '题目已保存', () => { setEditing(null); bank.reload(); })} />
            ) : null}
          </View>
        ))}
      </PagedListView>
    </View>
  );
}

/** A fixed paper from the bank: pick questions; the 100 points are shared equally (the server grades). */
function PaperEditor({ exam, onDone }: { exam: Exam; onDone: (text: string) => void }) {
  const bank = usePagedList(listQuestions);
  const [picked, setPicked] = useState<string[]>([]);
  const [error, setError] = useState<unknown>(null);
  const save = async () => {
    if (!picked.length) return setError(new Error('请至少选择一道题'));
    const each = Math.floor((100 / picked.length) * 100) / 100;
    try {
      const r = await setPaper(exam.id, picked.map((questionId) => ({ questionId, score: each })));
      onDone(`「${exam.title}」已组卷：${r.questions} 题，共 ${r.totalScore} 分`);
    } catch (err) {
      setError(err);
    }
  };
  return (
    <View className='qx-panel' data-testid='paper-editor'>
      <Text className='qx-panel__title'>{`为「${exam.title}」组卷（已选 ${picked.length} 题）`}</Text>
      <PagedListView list={bank} emptyText='题库还没有题目，请先从 Excel 导入'>
        {bank.items.map((q) => (
          <View key={q.id} className='qx-table__row' style={{ cursor: 'pointer' }} onClick={() => setPicked(picked.includes(q.id) ? picked.filter((x) => x !== q.id) : [...picked, q.id])}>
            <Text style={{ width: '24PX', color: picked.includes(q.id) ? '#1f6feb' : '#86909c' }}>{picked.includes(q.id) ? '☑' : '☐'}</Text>
            <Text style={{ width: '48PX' }}>{typeLabel[q.type] ?? q.type}</Text>
            <Text className='qx-table__cell'>{q.stem}</Text>
          </View>
        ))}
      </PagedListView>
      {error ? <View className='qx-error-message'>{displayMessage(error)}</View> : null}
      <View className='qx-abtn qx-abtn--primary' style={{ marginTop: '12PX' }} onClick={save}>保存试卷</View>
    </View>
  );
}

/** 考试与题库: exams, and the question bank's Excel import (template download, upload, outcome). */
import { useState } from 'react';
import { Input, Text, View } from '@tarojs/components';
import { AdminLayout, TableHead } from '../../../../components/admin-layout';
import { PagedListView } from '../../../../components/state-view';
import { usePagedList } from '../../../../hooks/use-paged-list';
import { useSignedIn } from '../../../../hooks/use-signed-in';
import { ApiError, displayMessage } from '../../../../lib/api-error';
import { routes } from '../../../../lib/routes';
import { pickFile } from '../../../../platform/files';
import { createExam, listExams, listQuestions, publishExam, setPaper, type Exam } from '../../../../services/exams';
import { download, uploadRaw } from '../../../../services/files';

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

  const create = async () => {
    if (!title.trim()) return setMessage({ ok: false, text: '请填写考试名称' });
    setBusy(true);
    try {
      await createExam({ title: title.trim(), passScore: Number(passScore) || 60, timeLimitSec: (Number(minutes) || 60) * 60 });
      setTitle('');
      setMessage({ ok: true, text: '考试已创建' });
      exams.reload();
    } catch (err) {
      setMessage({ ok: false, text: displayMessage(err) });
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
            <View key={e.id} className='qx-table__row'>
              <Text className='qx-table__cell'>{e.title}</Text>
              <Text className='qx-table__cell'>{e.passScore ?? '—'}</Text>
              <Text className='qx-table__cell'>{e.timeLimitSec ? `${Math.round(e.timeLimitSec / 60)} 分钟` : '—'}</Text>
              <Text className='qx-table__cell'>{e.maxAttempts ?? '不限'}</Text>
              <Text className='qx-table__cell'>{statusLabel[e.status ?? ''] ?? e.status ?? '—'}</Text>
              <View className='qx-table__cell' style={{ display: 'flex', gap: '6PX' }}>
                <View className={`qx-abtn ${paperFor?.id === e.id ? 'qx-abtn--primary' : ''}`} onClick={() => setPaperFor(paperFor?.id === e.id ? null : e)}>组卷</View>
                {e.status !== 'published' ? (
                  <View className='qx-abtn' onClick={() => publishExam(e.id).then(exams.reload, (err) => setMessage({ ok: false, text: displayMessage(err) }))}>发布</View>
                ) : null}
              </View>
            </View>
          ))}
        </PagedListView>
      </View>
      {paperFor ? <PaperEditor exam={paperFor} onDone={(text) => { setMessage({ ok: true, text }); setPaperFor(null); }} /> : null}
    </AdminLayout>
  );
}

const statusLabel: Record<string, string> = { draft: '草稿', published: '已发布', closed: '已关闭' };
const typeLabel: Record<string, string> = { single: '单选', multiple: '多选', true_false: '判断', fill: '填空' };

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

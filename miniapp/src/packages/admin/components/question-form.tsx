/** A question of the bank by form: every type the server grades (单选, 多选, 判断, 填空), its key and explanation. */
import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import type { BankQuestion, QuestionInput } from '../../../services/exams';
import { notify } from './feedback';
import { Button, Choice, Field, TextArea, TextInput } from './fields';

export const typeLabel: Record<string, string> = { single: '单选', multiple: '多选', true_false: '判断', fill: '填空' };
const KEYS = 'ABCDEFGH';

export function QuestionForm({ question, onSave, onCancel }: { question?: BankQuestion; onSave: (q: QuestionInput) => Promise<unknown>; onCancel: () => void }) {
  const [type, setType] = useState<string>(question?.type ?? 'single');
  const [stem, setStem] = useState(question?.stem ?? '');
  const [options, setOptions] = useState<string[]>(question?.options?.map((o) => o.text) ?? ['', '', '', '']);
  const [picked, setPicked] = useState<string[]>((question?.answer ?? []).filter((a): a is string => typeof a === 'string' && question?.type !== 'fill'));
  const [truth, setTruth] = useState(question?.type === 'true_false' && question.answer?.[0] === false ? 'false' : 'true');
  const [fills, setFills] = useState(question?.type === 'fill' ? (question.answer ?? []).join('\n') : '');
  const [explanation, setExplanation] = useState(question?.explanation ?? '');
  const [tags, setTags] = useState((question?.tags ?? []).join('，'));
  const [difficulty, setDifficulty] = useState(String(question?.difficulty ?? 1));
  const [busy, setBusy] = useState(false);
  const choice = type === 'single' || type === 'multiple';

  const pick = (key: string) => setPicked(type === 'single' ? [key] : picked.includes(key) ? picked.filter((k) => k !== key) : [...picked, key].sort());

  const save = async () => {
    if (!stem.trim()) return notify.fail('请填写题干');
    // Blank options are left out and the rest re-lettered (A, B, …), the picked answers with them.
    const kept = options.map((text, i) => ({ was: KEYS[i], text: text.trim() })).filter((o) => o.text);
    const opts = kept.map((o, i) => ({ key: KEYS[i], text: o.text }));
    const relettered = new Map(kept.map((o, i) => [o.was, KEYS[i]]));
    if (choice && opts.length < 2) return notify.fail('请至少填写两个选项');
    const answer = type === 'true_false' ? [truth === 'true'] : type === 'fill' ? fills.split('\n').map((s) => s.trim()).filter(Boolean) : picked.flatMap((k) => relettered.get(k) ?? []);
    if (!answer.length) return notify.fail(type === 'fill' ? '请填写至少一个正确答案' : '请选择正确答案');
    if (type === 'single' && answer.length !== 1) return notify.fail('单选题只有一个正确答案');
    setBusy(true);
    await onSave({
      type, stem: stem.trim(), options: choice ? opts : null, answer, explanation: explanation.trim() || null,
      tags: tags.split(/[,，\s]+/).map((t) => t.trim()).filter(Boolean), difficulty: Number(difficulty),
    });
    setBusy(false);
  };

  return (
    <View className='qx-subtable' data-testid='question-form'>
      <Field label='题型'>
        <Choice value={type} onChange={(t) => { setType(t); setPicked([]); }} testId='question-type' options={Object.entries(typeLabel).map(([value, label]) => ({ value, label }))} />
      </Field>
      <Field label='题干'><TextArea value={stem} onChange={setStem} height='64PX' testId='question-stem' /></Field>
      {choice ? (
        <>
          {options.map((text, i) => (
            <Field key={i} label={`选项 ${KEYS[i]}`}>
              <TextInput value={text} onChange={(v) => setOptions(options.map((o, j) => (j === i ? v : o)))} width='420PX' testId='question-option' />
              <Button primary={picked.includes(KEYS[i])} onClick={() => pick(KEYS[i])} testId='question-correct'>{picked.includes(KEYS[i]) ? '✓ 正确答案' : '设为正确'}</Button>
              {options.length > 2 ? <Button danger onClick={() => { setOptions(options.filter((_, j) => j !== i)); setPicked([]); }}>删除</Button> : null}
            </Field>
          ))}
          {options.length < 8 ? <View style={{ marginBottom: '12PX' }}><Button onClick={() => setOptions([...options, ''])}>添加选项</Button></View> : null}
        </>
      ) : null}
      {type === 'true_false' ? <Field label='正确答案'><Choice value={truth} onChange={setTruth} options={[{ value: 'true', label: '正确' }, { value: 'false', label: '错误' }]} /></Field> : null}
      {type === 'fill' ? <Field label='正确答案' hint='每行一个可接受的答案'><TextArea value={fills} onChange={setFills} width='420PX' height='64PX' testId='question-fill' /></Field> : null}
      <Field label='解析'><TextArea value={explanation} onChange={setExplanation} height='48PX' /></Field>
      <Field label='标签' hint='用逗号分隔'><TextInput value={tags} onChange={setTags} width='320PX' /></Field>
      <Field label='难度'><Choice value={difficulty} onChange={setDifficulty} options={['1', '2', '3', '4', '5'].map((d) => ({ value: d, label: `${d} 级` }))} /></Field>
      <View className='qx-actions'>
        <Button primary disabled={busy} onClick={save} testId='save-question'>{question ? '保存题目' : '添加题目'}</Button>
        <Button onClick={onCancel}>取消</Button>
      </View>
      <Text className='qx-form-row__hint'>修改答案后，已提交的答卷不会重新评分</Text>
    </View>
  );
}

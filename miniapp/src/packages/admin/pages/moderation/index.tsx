/**
 * 社区审核: the review queue (reports, held texts, appeals — hide, restore, delete, dismiss, each
 * with a reason), penalties (warn, restrict, suspend, terminate, with a period and a reason;
 * revoke), and the enterprise's sensitive-word list. Reporters are never shown.
 */
import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { AdminLayout, TableHead } from '../../../../components/admin-layout';
import { OpenDataName } from '../../../../components/open-data-name';
import { PagedListView, StateView } from '../../../../components/state-view';
import { toast } from '../../../../components/toast';
import { usePagedList } from '../../../../hooks/use-paged-list';
import { useRequest } from '../../../../hooks/use-request';
import { useSignedIn } from '../../../../hooks/use-signed-in';
import { useTimeZone } from '../../../../hooks/use-time-zone';
import { routes } from '../../../../lib/routes';
import { formatDateTime } from '../../../../lib/time';
import type { People } from '../../../../services/community';
import {
  addWord, caseKindWords, contentStateWords, decide, decisionLabels, getCase, imposePenalty, listCases, listPenalties, listWords, penaltyLabels, reasonWords,
  removeWord, revokePenalty, targetWords, type Decision, type ModerationCase, type PenaltyKind,
} from '../../../../services/moderation';
import { Button, Choice, Field, TextArea, TextInput, confirm } from '../../components/fields';
import '../../components/editor.css';

type Tab = 'queue' | 'appeals' | 'penalties' | 'words';

function Person({ people, id }: { people: People | undefined; id: string | null | undefined }) {
  if (!id) return <Text>—</Text>;
  const p = people?.[id];
  return p ? <OpenDataName hostUserId={p.hostUserId} name={p.name} /> : <Text>已离开的成员</Text>;
}

async function attempt(run: () => Promise<unknown>, done: string): Promise<boolean> {
  try {
    await run();
    toast.success(done);
    return true;
  } catch (err) {
    toast.error(err);
    return false;
  }
}

/** One case: what was reported or held, by whom (the author), why; the decision with its reason; a penalty for the author. */
function CasePanel({ id, onDecided }: { id: string; onDecided: () => void }) {
  const zone = useTimeZone();
  const detail = useRequest(() => getCase(id), [id]);
  const [reason, setReason] = useState('');
  const [kind, setKind] = useState<PenaltyKind>('warning');
  const [days, setDays] = useState('7');
  const [penaltyReason, setPenaltyReason] = useState('');
  const d = detail.data;
  const authorId = d?.target?.authorId ?? d?.penalty?.memberId ?? d?.case.subjectId ?? null;
  const act = async (action: Decision) => {
    if (!reason.trim()) return toast.error('请填写处理理由');
    if (action === 'delete' && !(await confirm('删除内容', '删除后成员看不到该内容，原文作为证据保留。确定删除吗？'))) return;
    if (await attempt(() => decide(id, action, reason.trim()), `已${decisionLabels[action]}`)) {
      setReason('');
      onDecided();
      detail.reload();
    }
  };
  const penalise = async () => {
    if (!authorId || !penaltyReason.trim()) return toast.error('请填写处罚理由');
    const timed = kind === 'restriction' || kind === 'suspension';
    const ok = await attempt(() => imposePenalty({ memberId: authorId, kind, reason: penaltyReason.trim(), days: timed ? Number(days) || undefined : undefined, caseId: id }), `已${penaltyLabels[kind]}`);
    if (ok) setPenaltyReason('');
  };
  return (
    <View className='qx-panel' data-testid='case-panel'>
      <StateView loading={detail.loading && !d} error={detail.error} onRetry={detail.reload}>
        {d ? (
          <View>
            <Text className='qx-panel__title'>{`${caseKindWords[d.case.kind] ?? d.case.kind} · ${targetWords[d.case.targetType] ?? d.case.targetType}${d.case.status === 'closed' ? ' · 已处理' : ''}`}</Text>
            <Field label='作者'>
              <Person people={d.people} id={authorId} />
            </Field>
            {d.target ? (
              <Field label='内容'>
                <Text className='qx-muted' data-testid='case-text' style={{ whiteSpace: 'pre-wrap' }}>{d.target.text || '（无文字）'}</Text>
              </Field>
            ) : null}
            {d.target?.status ? <Field label='当前状态'><Text>{contentStateWords[d.target.status] ?? d.target.status}</Text></Field> : null}
            {d.case.summary ? <Field label='摘要'><Text>{d.case.summary.split(' / ')[0]}</Text></Field> : null}
            {d.case.appealText ? <Field label='申诉理由'><Text data-testid='case-appeal-text'>{d.case.appealText}</Text></Field> : null}
            {d.reports.byReason.length ? (
              <Field label='举报原因'>
                <Text>{d.reports.byReason.map((r) => `${reasonWords[r.reason] ?? r.reason} ${r.count} 次`).join('，')}</Text>
              </Field>
            ) : null}
            {d.reports.notes.length ? (
              <Field label='举报说明'>
                <View>{d.reports.notes.map((n, i) => <Text key={i} className='qx-muted' style={{ display: 'block' }}>{`${formatDateTime(n.createdAt, zone)} ${n.note}`}</Text>)}</View>
              </Field>
            ) : null}
            {d.evidence.length ? <Field label='证据'><Text className='qx-muted'>{`已保留 ${d.evidence.length} 份原文证据`}</Text></Field> : null}
            {d.case.decision ? (
              <Field label='处理结果'>
                <Text>{`${decisionLabels[d.case.decision as Decision] ?? d.case.decision}：${d.case.decisionReason ?? ''}（${formatDateTime(d.case.decidedAt, zone)}）`}</Text>
              </Field>
            ) : (
              <View>
                <Field label='处理理由' hint='会告知内容作者，并写入操作日志'>
                  <TextArea value={reason} onChange={setReason} height='64PX' placeholder='例如：含广告信息' testId='decision-reason' />
                </Field>
                <View className='qx-admin__filters'>
                  {(['hide', 'restore', 'delete', 'dismiss'] as const).map((a) => (
                    <Button key={a} danger={a === 'delete'} primary={a === 'hide'} testId={`decide-${a}`} onClick={() => void act(a)}>
                      {decisionLabels[a]}
                    </Button>
                  ))}
                </View>
              </View>
            )}
            {authorId && d.case.targetType !== 'penalty' ? (
              <View>
                <Text className='qx-panel__title'>处罚作者</Text>
                <Field label='方式'>
                  <Choice value={kind} onChange={setKind} testId='penalty-kind' options={(Object.keys(penaltyLabels) as PenaltyKind[]).map((k) => ({ value: k, label: penaltyLabels[k] }))} />
                </Field>
                {kind === 'restriction' || kind === 'suspension' ? (
                  <Field label='天数'><TextInput value={days} onChange={setDays} type='number' width='120PX' testId='penalty-days' /></Field>
                ) : null}
                <Field label='理由'><TextInput value={penaltyReason} onChange={setPenaltyReason} placeholder='会告知成员，并附申诉方式' testId='penalty-reason' /></Field>
                <Button testId='penalty-impose' onClick={() => void penalise()}>执行处罚</Button>
              </View>
            ) : null}
          </View>
        ) : null}
      </StateView>
    </View>
  );
}

function Queue({ kind }: { kind?: 'appeal' }) {
  const zone = useTimeZone();
  const [status, setStatus] = useState<'open' | 'closed'>('open');
  const [chosen, setChosen] = useState<string | null>(null);
  const [people, setPeople] = useState<People>({});
  const list = usePagedList(async (cursor) => {
    const page = await listCases(cursor, { status, kind });
    setPeople((known) => ({ ...known, ...page.people }));
    return page;
  }, [status, kind]);
  const label = (c: ModerationCase) => `${caseKindWords[c.kind] ?? c.kind} · ${targetWords[c.targetType] ?? c.targetType}${c.reportCount ? `（${c.reportCount} 人举报）` : ''}`;
  return (
    <View className='qx-split'>
      <View className='qx-split__main qx-panel' data-testid='case-list'>
        <View className='qx-admin__filters'>
          <Choice value={status} onChange={(s) => { setStatus(s); setChosen(null); }} options={[{ value: 'open', label: '待处理' }, { value: 'closed', label: '已处理' }]} />
        </View>
        <TableHead cells={['时间', '类型', '涉及成员', '摘要']} />
        <PagedListView list={list} emptyText={status === 'open' ? (kind ? '没有待处理的申诉' : '审核队列是空的') : '还没有处理过的记录'}>
          {list.items.map((c) => (
            <View key={c.id} className={`qx-table__row ${chosen === c.id ? 'qx-table__row--chosen' : ''}`} style={{ cursor: 'pointer' }} data-testid='case-row' onClick={() => setChosen(c.id)}>
              <Text className='qx-table__cell'>{formatDateTime(c.createdAt, zone)}</Text>
              <Text className='qx-table__cell'>{label(c)}</Text>
              <View className='qx-table__cell'><Person people={people} id={c.subjectId} /></View>
              <Text className='qx-table__cell qx-muted'>{(c.appealText ?? c.summary ?? '').split(' / ')[0] || '—'}</Text>
            </View>
          ))}
        </PagedListView>
      </View>
      <View className='qx-split__side'>
        {chosen ? <CasePanel key={chosen} id={chosen} onDecided={list.reload} /> : <View className='qx-panel qx-muted'>选择左侧的一条记录查看内容并处理</View>}
      </View>
    </View>
  );
}

function Penalties() {
  const zone = useTimeZone();
  const [status, setStatus] = useState<'active' | 'expired' | 'revoked'>('active');
  const [people, setPeople] = useState<People>({});
  const list = usePagedList(async (cursor) => {
    const page = await listPenalties(cursor, status);
    setPeople((known) => ({ ...known, ...page.people }));
    return page;
  }, [status]);
  const [revokeReason, setRevokeReason] = useState('');
  const revoke = async (id: string) => {
    if (!revokeReason.trim()) return toast.error('请先填写撤销理由');
    if (await attempt(() => revokePenalty(id, revokeReason.trim()), '已撤销')) {
      setRevokeReason('');
      list.reload();
    }
  };
  return (
    <View className='qx-panel' data-testid='penalty-list'>
      <Text className='qx-muted'>处罚从审核队列中对内容作者执行：警告 → 限制发言 → 暂停账号 → 终止使用；到期自动解除，成员会收到原因和申诉方式。</Text>
      <View className='qx-admin__filters'>
        <Choice value={status} onChange={setStatus} options={[{ value: 'active', label: '生效中' }, { value: 'expired', label: '已到期' }, { value: 'revoked', label: '已撤销' }]} />
        {status === 'active' ? <TextInput value={revokeReason} onChange={setRevokeReason} placeholder='撤销理由（会告知成员）' width='240PX' /> : null}
      </View>
      <TableHead cells={['成员', '处罚', '理由', '期限', '操作']} />
      <PagedListView list={list} emptyText='没有处罚记录'>
        {list.items.map((p) => (
          <View key={p.id} className='qx-table__row' data-testid='penalty-row'>
            <View className='qx-table__cell'><Person people={people} id={p.memberId} /></View>
            <Text className='qx-table__cell'>{penaltyLabels[p.kind as PenaltyKind] ?? p.kind}</Text>
            <Text className='qx-table__cell'>{p.reason}</Text>
            <Text className='qx-table__cell'>{p.endsAt ? `至 ${formatDateTime(p.endsAt, zone)}` : '长期'}</Text>
            <View className='qx-table__cell'>{p.status === 'active' ? <Button onClick={() => void revoke(p.id)}>撤销</Button> : <Text className='qx-muted'>—</Text>}</View>
          </View>
        ))}
      </PagedListView>
    </View>
  );
}

function Words() {
  const [q, setQ] = useState('');
  const [word, setWord] = useState('');
  const [action, setAction] = useState<'review' | 'refuse'>('review');
  const list = usePagedList((cursor) => listWords(cursor, q.trim()), [q]);
  const add = async () => {
    if (!word.trim()) return;
    if (await attempt(() => addWord(word.trim(), action), '已添加')) {
      setWord('');
      list.reload();
    }
  };
  const remove = async (id: string, text: string) => {
    if (!(await confirm('移除敏感词', `确定移除“${text}”吗？`))) return;
    if (await attempt(() => removeWord(id), '已移除')) list.reload();
  };
  return (
    <View className='qx-panel' data-testid='word-list'>
      <Text className='qx-muted'>企业自己的敏感词，与平台词库一起在发布前检查：“需审核”的内容等待管理员审核，“禁止发布”的内容直接拒绝并告知原因。</Text>
      <View className='qx-admin__filters'>
        <TextInput value={word} onChange={setWord} placeholder='新增敏感词' width='200PX' testId='word-input' />
        <Choice value={action} onChange={setAction} options={[{ value: 'review', label: '需审核' }, { value: 'refuse', label: '禁止发布' }]} />
        <Button primary testId='word-add' onClick={() => void add()}>添加</Button>
        <TextInput value={q} onChange={setQ} placeholder='搜索' width='160PX' />
      </View>
      <TableHead cells={['词语', '处理方式', '操作']} />
      <PagedListView list={list} emptyText={q ? '没有匹配的词语' : '还没有企业敏感词'}>
        {list.items.map((w) => (
          <View key={w.id} className='qx-table__row' data-testid='word-row'>
            <Text className='qx-table__cell'>{w.word}</Text>
            <Text className='qx-table__cell'>{w.action === 'refuse' ? '禁止发布' : '需审核'}</Text>
            <View className='qx-table__cell'><Button onClick={() => void remove(w.id, w.word)}>移除</Button></View>
          </View>
        ))}
      </PagedListView>
    </View>
  );
}

export default function Moderation() {
  useSignedIn();
  const [tab, setTab] = useState<Tab>('queue');
  return (
    <AdminLayout active={routes.adminModeration} title='社区审核'>
      <View className='qx-admin__filters'>
        {([['queue', '审核队列'], ['appeals', '申诉'], ['penalties', '处罚'], ['words', '敏感词']] as Array<[Tab, string]>).map(([value, label]) => (
          <View key={value} className={`qx-abtn ${tab === value ? 'qx-abtn--primary' : ''}`} data-testid={`moderation-tab-${value}`} onClick={() => setTab(value)}>
            {label}
          </View>
        ))}
      </View>
      {tab === 'queue' ? <Queue /> : tab === 'appeals' ? <Queue kind='appeal' /> : tab === 'penalties' ? <Penalties /> : <Words />}
    </AdminLayout>
  );
}

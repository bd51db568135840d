/**
 * 我的处罚与申诉: each penalty with its reason and period, the moderation notices of my content,
 * and appeals (file one, see how it was decided). Reachable while suspended: appealing stays open.
 */
import { useState } from 'react';
import { useRouter } from '@tarojs/taro';
import { Button, Text, Textarea, View } from '@tarojs/components';
import { StateView } from '../../../../components/state-view';
import { useRequest } from '../../../../hooks/use-request';
import { useSignedIn } from '../../../../hooks/use-signed-in';
import { useTimeZone } from '../../../../hooks/use-time-zone';
import { displayMessage } from '../../../../lib/api-error';
import { noticeTarget } from '../../../../lib/notice-link';
import { go, routes } from '../../../../lib/routes';
import { formatDateTime } from '../../../../lib/time';
import { chineseText } from '../../../../lib/community-text';
import { appeal, decisionWords, myAppeals, myPenalties, penaltyStatusWords, penaltyWords, type Penalty } from '../../../../services/community';
import { inbox } from '../../../../services/records';
import '../../components/community.css';

const contentWords: Record<string, string> = { question: '问题', answer: '回答', post: '帖子', comment: '评论', kb_comment: '评论', document: '文档' };

const appealStatus = (a: { status: string; decision: string | null }) => (a.status === 'open' ? '处理中' : a.decision === 'restore' ? '申诉成立，已恢复' : '已处理');

export default function Penalties() {
  const { signedIn } = useSignedIn();
  const zone = useTimeZone();
  const { params } = useRouter();
  const penalties = useRequest(() => myPenalties(), [], signedIn);
  const appeals = useRequest(() => myAppeals(), [], signedIn);
  const notices = useRequest(async () => (await inbox()).items.filter((n) => n.kind?.startsWith('moderation.')), [], signedIn);
  // A hide or delete notice opens this page naming the content: the appeal form is ready for it.
  const [appealing, setAppealing] = useState<{ targetType: string; targetId: string; label: string } | null>(
    params.targetType && params.targetId ? { targetType: params.targetType, targetId: params.targetId, label: `对被处理的${contentWords[params.targetType] ?? '内容'}的申诉` } : null,
  );
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [sent, setSent] = useState(false);

  const send = async () => {
    if (!appealing) return;
    setBusy(true);
    setError(null);
    try {
      await appeal({ targetType: appealing.targetType, targetId: appealing.targetId, text: text.trim() });
      setAppealing(null);
      setText('');
      setSent(true);
      appeals.reload();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const period = (p: Penalty) => (p.endsAt ? `${formatDateTime(p.startsAt, zone)} 至 ${formatDateTime(p.endsAt, zone)}` : `自 ${formatDateTime(p.startsAt, zone)} 起`);
  const targetOf = (link: string | null | undefined) => noticeTarget({ link });

  return (
    <View className='qx-page' data-testid='community-penalties'>
      {sent ? (
        <View className='qx-banner qx-banner--ok' data-testid='appeal-sent'>
          <Text>申诉已提交，管理员处理后会通知你。</Text>
        </View>
      ) : null}

      <View className='qx-section'>
        <View className='qx-section__title'><Text>处理通知</Text></View>
        <StateView loading={notices.loading} error={notices.error} onRetry={notices.reload} empty={!notices.data?.length} emptyText='没有关于你的内容的处理通知'>
          {notices.data?.map((n) => {
            const target = targetOf(n.link);
            const postId = target?.path === routes.communityPost ? target.params.id : null;
            const about = target?.path === routes.communityPenalties && target.params.targetType ? target.params : null;
            return (
              <View key={n.id} className='qx-card' data-testid='moderation-notice'>
                <Text className='qx-card__title'>{chineseText(n.title)}</Text>
                <Text className='qx-card__meta'>{`${formatDateTime(n.createdAt, zone)}  ${chineseText(n.body ?? '')}`}</Text>
                <View className='qx-cm-actions'>
                  {postId ? <Text onClick={() => go(routes.communityPost, { id: postId })}>查看内容</Text> : null}
                  {about ? (
                    <Text data-testid='appeal-content' onClick={() => setAppealing({ targetType: about.targetType, targetId: about.targetId, label: `对被处理的${contentWords[about.targetType] ?? '内容'}的申诉` })}>
                      提出申诉
                    </Text>
                  ) : null}
                </View>
              </View>
            );
          })}
        </StateView>
      </View>

      <View className='qx-section'>
        <View className='qx-section__title'><Text>我的处罚</Text></View>
        <StateView loading={penalties.loading} error={penalties.error} onRetry={penalties.reload} empty={!penalties.data?.items.length} emptyText='你没有受到处罚'>
          {penalties.data?.items.map((p) => (
            <View key={p.id} className='qx-card' data-testid='my-penalty'>
              <Text className='qx-card__title'>{`${penaltyWords[p.kind] ?? '处罚'} · ${penaltyStatusWords[p.status] ?? ''}`}</Text>
              <Text className='qx-card__meta'>{`原因：${p.reason}`}</Text>
              <Text className='qx-card__meta'>{period(p)}</Text>
              {p.status === 'active' ? (
                <View className='qx-cm-actions'>
                  <Text data-testid='appeal-penalty' onClick={() => setAppealing({ targetType: 'penalty', targetId: p.id, label: `对“${penaltyWords[p.kind] ?? '处罚'}”的申诉` })}>提出申诉</Text>
                </View>
              ) : null}
            </View>
          ))}
        </StateView>
      </View>

      {appealing ? (
        <View className='qx-section' data-testid='appeal-form'>
          <Text className='qx-card__title'>{appealing.label}</Text>
          <Textarea className='qx-textarea' data-testid='appeal-text' placeholder='请写明申诉理由' maxlength={2000} value={text} onInput={(e) => setText(e.detail.value)} />
          {error ? <Text className='qx-error-message'>{displayMessage(error)}</Text> : null}
          <View className='qx-row' style={{ gap: '16px' }}>
            <Button className='qx-btn qx-btn--primary' size='mini' data-testid='appeal-send' disabled={busy || !text.trim()} onClick={send}>提交申诉</Button>
            <Button className='qx-btn' size='mini' onClick={() => setAppealing(null)}>取消</Button>
          </View>
        </View>
      ) : null}

      <View className='qx-section'>
        <View className='qx-section__title'><Text>我的申诉</Text></View>
        <StateView loading={appeals.loading} error={appeals.error} onRetry={appeals.reload} empty={!appeals.data?.items.length} emptyText='你还没有提出申诉'>
          {appeals.data?.items.map((a) => (
            <View key={a.id} className='qx-card' data-testid='my-appeal'>
              <Text className='qx-card__title'>{`${appealStatus(a)}${a.decision && a.status !== 'open' ? `（${decisionWords[a.decision] ?? ''}）` : ''}`}</Text>
              <Text className='qx-card__meta'>{`${formatDateTime(a.createdAt, zone)} 提出：${a.text ?? ''}`}</Text>
              {a.decisionReason ? <Text className='qx-card__meta'>{`处理说明：${a.decisionReason}`}</Text> : null}
            </View>
          ))}
        </StateView>
      </View>
    </View>
  );
}

/**
 * A question with its answers (answer, accept, follow) or a post with its comments (reply to a
 * comment); likes; 举报 of the question, post or any reply; @colleagues in what one writes. The
 * author sees their own held or hidden text with what happened to it.
 */
import { useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Button, Text, Textarea, View } from '@tarojs/components';
import { StateView } from '../../../../components/state-view';
import { useRequest } from '../../../../hooks/use-request';
import { useSignedIn } from '../../../../hooks/use-signed-in';
import { useTimeZone } from '../../../../hooks/use-time-zone';
import { displayMessage } from '../../../../lib/api-error';
import { replace, routes } from '../../../../lib/routes';
import { formatRelative } from '../../../../lib/time';
import {
  acceptAnswer, createReply, deletePost, deleteReply, getPost, setFollow, setLike, statusWords,
  type Colleague, type People, type Post, type Reply, type ReportTarget,
} from '../../../../services/community';
import { PersonName } from '../../components/author';
import { MentionPicker } from '../../components/mention-picker';
import { HeldBanner, PublishedBanner, WriteError } from '../../components/outcome';
import { ReportSheet } from '../../components/report-sheet';
import '../../components/community.css';

function Mentions({ ids, people }: { ids: string[]; people: People }) {
  if (!ids.length) return null;
  return (
    <View className='qx-card__meta' data-testid='mentions'>
      <Text>提到了 </Text>
      {ids.map((id) => (
        <Text key={id}>
          @<PersonName people={people} id={id} />{' '}
        </Text>
      ))}
    </View>
  );
}

async function run(action: () => Promise<unknown>, done: string | null, after: () => void) {
  try {
    await action();
    if (done) void Taro.showToast({ title: done, icon: 'none', duration: 2000 });
    after();
  } catch (err) {
    void Taro.showToast({ title: displayMessage(err), icon: 'none', duration: 4000 });
  }
}

export default function PostPage() {
  const { signedIn } = useSignedIn();
  const tz = useTimeZone();
  const { params } = useRouter();
  const id = params.id ?? '';
  const detail = useRequest(() => getPost(id), [id], signedIn && !!id);
  const [reporting, setReporting] = useState<{ type: ReportTarget; id: string } | null>(null);
  const [text, setText] = useState('');
  const [parent, setParent] = useState<Reply | null>(null);
  const [mentions, setMentions] = useState<Colleague[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [lastReply, setLastReply] = useState<Reply | null>(null);

  const post = detail.data?.post;
  const people = detail.data?.people ?? {};
  const isQuestion = post?.kind === 'question';
  const replyWord = isQuestion ? '回答' : '评论';

  const send = async (p: Post) => {
    setBusy(true);
    setError(null);
    try {
      const { reply } = await createReply(p.id, { body: text.trim(), parentId: parent?.id, mentionIds: mentions.map((m) => m.id) });
      setLastReply(reply);
      setText('');
      setParent(null);
      setMentions([]);
      detail.reload();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const removePost = async (p: Post) => {
    const { confirm } = await Taro.showModal({ title: '删除', content: `确定删除这个${isQuestion ? '问题' : '帖子'}吗？` });
    if (confirm) await run(() => deletePost(p.id), '已删除', () => replace(routes.community));
  };

  const replyRow = (r: Reply, p: Post) => (
    <View key={r.id} className={`qx-reply ${r.parentId ? 'qx-reply--child' : ''}`} data-testid='reply'>
      <View className='qx-card__meta'>
        <PersonName people={people} id={r.authorId} />
        <Text>{` · ${formatRelative(r.createdAt, Date.now(), tz)}`}</Text>
        {r.accepted ? <Text className='qx-tone-soon' data-testid='reply-accepted'> · 已采纳</Text> : null}
        {r.status !== 'published' ? <Text className='qx-tone-overdue'>{` · ${statusWords[r.status]}`}</Text> : null}
      </View>
      {r.mine && r.status !== 'published' ? <HeldBanner status={r.status} reason={r.heldReason} what={`你的${replyWord}`} /> : null}
      <Text className='qx-doc__body' data-testid='reply-body'>{r.body || '（内容不可见）'}</Text>
      <Mentions ids={r.mentionIds} people={people} />
      <View className='qx-cm-actions'>
        <Text className={r.liked ? 'qx-cm-actions__on' : ''} onClick={() => void run(() => setLike('replies', r.id, !r.liked), null, detail.reload)}>
          {`${r.liked ? '已赞' : '赞'} ${r.likeCount}`}
        </Text>
        {!isQuestion && !r.parentId ? <Text onClick={() => setParent(r)}>回复</Text> : null}
        {isQuestion && p.mine && !r.mine && !r.accepted && r.status === 'published' ? (
          <Text data-testid='reply-accept' onClick={() => void run(() => acceptAnswer(p.id, r.id), '已采纳', detail.reload)}>采纳</Text>
        ) : null}
        {r.mine ? (
          <Text onClick={() => void run(() => deleteReply(r.id), '已删除', detail.reload)}>删除</Text>
        ) : (
          <Text data-testid='reply-report' onClick={() => setReporting({ type: isQuestion ? 'answer' : 'comment', id: r.id })}>举报</Text>
        )}
      </View>
    </View>
  );

  return (
    <View className='qx-page' data-testid='community-post'>
      <StateView loading={detail.loading && !detail.data} error={detail.error} onRetry={detail.reload} empty={!post} emptyText='内容不存在或已被删除'>
        {post ? (
          <View>
            {params.published === '1' && post.status === 'published' ? <PublishedBanner what={isQuestion ? '问题' : '帖子'} /> : null}
            {post.mine ? <HeldBanner status={post.status} reason={post.heldReason} what={isQuestion ? '你的问题' : '你的帖子'} /> : null}
            <View className='qx-card'>
              <Text className='qx-doc__title' data-testid='post-title'>{post.title || '（内容不可见）'}</Text>
              <View className='qx-card__meta'>
                <PersonName people={people} id={post.authorId} />
                <Text>{` · ${formatRelative(post.createdAt, Date.now(), tz)}`}</Text>
              </View>
              {post.body ? <Text className='qx-doc__body' data-testid='post-body'>{post.body}</Text> : null}
              <Mentions ids={post.mentionIds} people={people} />
              <View className='qx-cm-actions'>
                <Text className={post.liked ? 'qx-cm-actions__on' : ''} data-testid='post-like' onClick={() => void run(() => setLike('posts', post.id, !post.liked), null, detail.reload)}>
                  {`${post.liked ? '已赞' : '赞'} ${post.likeCount}`}
                </Text>
                {isQuestion ? (
                  <Text className={post.following ? 'qx-cm-actions__on' : ''} data-testid='post-follow' onClick={() => void run(() => setFollow(post.id, !post.following), post.following ? '已取消关注' : '已关注，有新回答时会通知你', detail.reload)}>
                    {post.following ? '已关注' : '关注问题'}
                  </Text>
                ) : null}
                {post.mine ? (
                  <Text onClick={() => void removePost(post)}>删除</Text>
                ) : (
                  <Text data-testid='post-report' onClick={() => setReporting({ type: post.kind, id: post.id })}>举报</Text>
                )}
              </View>
            </View>

            <View className='qx-section'>
              <View className='qx-section__title'>
                <Text>{`${detail.data!.replies.length} 条${replyWord}`}</Text>
              </View>
              {detail.data!.replies.length ? detail.data!.replies.map((r) => replyRow(r, post)) : <Text className='qx-card__meta'>{`还没有${replyWord}`}</Text>}
            </View>

            {post.status === 'published' ? (
              <View className='qx-section' data-testid='reply-form'>
                {lastReply && lastReply.status === 'held' ? <HeldBanner status='held' reason={lastReply.heldReason} what={`你的${replyWord}`} /> : null}
                {parent ? (
                  <View className='qx-card__meta'>
                    <Text>回复 </Text>
                    <PersonName people={people} id={parent.authorId} />
                    <Text className='qx-section__more' onClick={() => setParent(null)}> 取消</Text>
                  </View>
                ) : null}
                <Textarea className='qx-textarea' data-testid='reply-input' placeholder={isQuestion ? '写下你的回答' : '写评论'} maxlength={10000} value={text} onInput={(e) => setText(e.detail.value)} />
                <MentionPicker picked={mentions} onPick={(c) => setMentions([...mentions, c])} onRemove={(mid) => setMentions(mentions.filter((m) => m.id !== mid))} />
                <WriteError error={error} />
                <Button className='qx-btn qx-btn--primary' data-testid='reply-send' disabled={busy || !text.trim()} onClick={() => void send(post)}>
                  {busy ? '提交中…' : `发布${replyWord}`}
                </Button>
              </View>
            ) : null}
          </View>
        ) : null}
      </StateView>
      <ReportSheet
        target={reporting}
        onClose={(sent) => {
          setReporting(null);
          if (sent) void Taro.showToast({ title: '已收到你的举报，管理员会尽快处理', icon: 'none', duration: 2500 });
        }}
      />
    </View>
  );
}

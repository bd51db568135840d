/**
 * 提问 / 发帖: title, text, a board (posts), @colleagues. After sending, the screening outcome is
 * shown plainly: published (open it), held for review (why), or refused (why) — and a suspended
 * or restricted member is told so, with the way to appeal.
 */
import { useState } from 'react';
import { useRouter } from '@tarojs/taro';
import { Button, Input, Text, Textarea, View } from '@tarojs/components';
import { StateView } from '../../../../components/state-view';
import { useRequest } from '../../../../hooks/use-request';
import { useSignedIn } from '../../../../hooks/use-signed-in';
import { go, replace, routes } from '../../../../lib/routes';
import { createPost, listBoards, type Colleague, type Post, type PostKind } from '../../../../services/community';
import { MentionPicker } from '../../components/mention-picker';
import { HeldBanner, WriteError } from '../../components/outcome';
import '../../components/community.css';

export default function Ask() {
  const { signedIn } = useSignedIn();
  const { params } = useRouter();
  const kind: PostKind = params.kind === 'post' ? 'post' : 'question';
  const what = kind === 'question' ? '问题' : '帖子';
  const boards = useRequest(() => listBoards(), [], signedIn && kind === 'post');
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [boardId, setBoardId] = useState('');
  const [mentions, setMentions] = useState<Colleague[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [held, setHeld] = useState<Post | null>(null);

  const send = async () => {
    setBusy(true);
    setError(null);
    try {
      const { post } = await createPost({ kind, boardId: kind === 'post' ? boardId : undefined, title: title.trim(), body, mentionIds: mentions.map((m) => m.id) });
      if (post.status === 'published') replace(routes.communityPost, { id: post.id, published: '1' });
      else setHeld(post);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  if (held) {
    return (
      <View className='qx-page' data-testid='community-ask'>
        <HeldBanner status={held.status} reason={held.heldReason} what={what} />
        <View className='qx-row' style={{ gap: '16px' }}>
          <Button className='qx-btn' size='mini' onClick={() => go(routes.communityPost, { id: held.id })}>查看</Button>
          <Button className='qx-btn' size='mini' onClick={() => replace(routes.community)}>返回社区</Button>
        </View>
      </View>
    );
  }

  const noBoards = kind === 'post' && !boards.loading && !boards.error && !boards.data?.items.length;
  return (
    <View className='qx-page' data-testid='community-ask'>
      {kind === 'post' ? (
        <View className='qx-section'>
          <Text className='qx-card__meta'>选择版块</Text>
          <StateView loading={boards.loading} error={boards.error} onRetry={boards.reload} empty={noBoards} emptyText='还没有版块，请联系管理员创建'>
            <View>
              {boards.data?.items.map((b) => (
                <View key={b.id} className={`qx-chip ${boardId === b.id ? 'qx-chip--on' : ''}`} data-testid='ask-board' onClick={() => setBoardId(b.id)}>
                  {b.name}
                </View>
              ))}
            </View>
          </StateView>
        </View>
      ) : null}
      <Input className='qx-input qx-section' data-testid='ask-title' placeholder={kind === 'question' ? '你的问题（一句话说清楚）' : '标题'} maxlength={300} value={title} onInput={(e) => setTitle(e.detail.value)} />
      <Textarea className='qx-textarea' data-testid='ask-body' placeholder={kind === 'question' ? '补充说明（选填）' : '正文'} maxlength={20000} value={body} onInput={(e) => setBody(e.detail.value)} />
      <MentionPicker picked={mentions} onPick={(c) => setMentions([...mentions, c])} onRemove={(id) => setMentions(mentions.filter((m) => m.id !== id))} />
      <WriteError error={error} />
      <Text className='qx-card__meta'>发布前会自动检查违禁词、保密标识和链接；部分内容需管理员审核后才能被同事看到。</Text>
      <Button className='qx-btn qx-btn--primary' data-testid='ask-send' disabled={busy || !title.trim() || (kind === 'post' && !boardId)} onClick={send}>
        {busy ? '提交中…' : kind === 'question' ? '提交问题' : '发布帖子'}
      </Button>
    </View>
  );
}

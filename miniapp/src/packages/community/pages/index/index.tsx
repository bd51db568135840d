/** 社区: questions (问答) and posts in boards (帖子), searchable; ask or post; my penalties and appeals. */
import { useState } from 'react';
import { Button, Input, Text, View } from '@tarojs/components';
import { PagedListView } from '../../../../components/state-view';
import { usePagedList } from '../../../../hooks/use-paged-list';
import { useRequest } from '../../../../hooks/use-request';
import { useSignedIn } from '../../../../hooks/use-signed-in';
import { useTimeZone } from '../../../../hooks/use-time-zone';
import { go, routes } from '../../../../lib/routes';
import { formatRelative } from '../../../../lib/time';
import { listBoards, listPosts, statusWords, type People, type PostKind } from '../../../../services/community';
import { PersonName } from '../../components/author';
import '../../components/community.css';

export default function Community() {
  const { signedIn } = useSignedIn();
  const tz = useTimeZone();
  const [kind, setKind] = useState<PostKind>('question');
  const [boardId, setBoardId] = useState('');
  const [mine, setMine] = useState(false);
  const [draft, setDraft] = useState('');
  const [q, setQ] = useState('');
  const [people, setPeople] = useState<People>({});
  const boards = useRequest(() => listBoards(), [], signedIn && kind === 'post');
  const list = usePagedList(
    async (cursor) => {
      const page = await listPosts(cursor, { kind, boardId: kind === 'post' ? boardId || undefined : undefined, mine, q });
      setPeople((known) => ({ ...known, ...page.people }));
      return page;
    },
    [kind, boardId, mine, q],
  );
  return (
    <View className='qx-page' data-testid='community'>
      <View className='qx-tabs'>
        {(['question', 'post'] as const).map((k) => (
          <View key={k} className={`qx-tab ${kind === k ? 'qx-tab--active' : ''}`} data-testid={`community-tab-${k}`} onClick={() => setKind(k)}>
            {k === 'question' ? '问答' : '帖子'}
          </View>
        ))}
      </View>
      <Input
        className='qx-input qx-section'
        data-testid='community-search'
        placeholder={kind === 'question' ? '搜索问题，回车确认' : '搜索帖子，回车确认'}
        value={draft}
        confirmType='search'
        onInput={(e) => setDraft(e.detail.value)}
        onConfirm={() => setQ(draft.trim())}
      />
      {kind === 'post' && boards.data?.items.length ? (
        <View className='qx-section'>
          <View className={`qx-chip ${boardId === '' ? 'qx-chip--on' : ''}`} onClick={() => setBoardId('')}>
            全部版块
          </View>
          {boards.data.items.map((b) => (
            <View key={b.id} className={`qx-chip ${boardId === b.id ? 'qx-chip--on' : ''}`} data-testid='board-chip' onClick={() => setBoardId(b.id)}>
              {b.name}
            </View>
          ))}
        </View>
      ) : null}
      <View className='qx-row qx-section' style={{ gap: '16px' }}>
        <Button className='qx-btn qx-btn--primary' size='mini' data-testid='community-new' onClick={() => go(routes.communityAsk, { kind })}>
          {kind === 'question' ? '提问' : '发帖'}
        </Button>
        <Button className='qx-btn' size='mini' data-testid='community-mine' onClick={() => setMine(!mine)}>
          {mine ? '看全部' : '只看我的'}
        </Button>
        <Text className='qx-section__more' data-testid='community-penalties' onClick={() => go(routes.communityPenalties)}>
          我的处罚与申诉
        </Text>
      </View>
      <PagedListView list={list} emptyText={q ? `没有找到与“${q}”相关的内容` : kind === 'question' ? '还没有人提问' : '还没有帖子'}>
        {list.items.map((p) => (
          <View key={p.id} className='qx-card' data-testid='community-item' onClick={() => go(routes.communityPost, { id: p.id })}>
            <Text className='qx-card__title'>{p.title || '（内容不可见）'}</Text>
            <View className='qx-card__meta'>
              <PersonName people={people} id={p.authorId} />
              <Text>{` · ${formatRelative(p.createdAt, Date.now(), tz)} · ${p.kind === 'question' ? `${p.replyCount} 个回答` : `${p.replyCount} 条评论`} · ${p.likeCount} 赞`}</Text>
              {p.acceptedAnswerId ? <Text> · 已采纳</Text> : null}
              {p.status !== 'published' ? <Text className='qx-tone-soon'>{` · ${statusWords[p.status]}`}</Text> : null}
            </View>
          </View>
        ))}
      </PagedListView>
    </View>
  );
}

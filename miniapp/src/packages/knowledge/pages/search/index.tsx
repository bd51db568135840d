/** Search over the documents I may read: ranked hits with highlighted snippets, paginated. */
import { useState } from 'react';
import { useRouter } from '@tarojs/taro';
import { Input, Text, View } from '@tarojs/components';
import { PagedListView } from '../../../../components/state-view';
import { usePagedList } from '../../../../hooks/use-paged-list';
import { go, routes } from '../../../../lib/routes';
import { snippetRuns } from '../../../../lib/watermark';
import { search } from '../../../../services/knowledge';
import type { Page, SearchHit } from '../../../../services/types';

const none: Page<SearchHit> = { items: [], nextCursor: null };

export default function Search() {
  const { params } = useRouter();
  const [draft, setDraft] = useState(params.q ? decodeURIComponent(params.q) : '');
  const [q, setQ] = useState(draft);
  const hits = usePagedList(() => (q ? search(q) : Promise.resolve(none)), [q]);
  return (
    <View className='qx-page' data-testid='search'>
      <Input
        className='qx-input qx-section'
        data-testid='search-input'
        placeholder='输入关键词，回车搜索'
        value={draft}
        focus={!draft}
        confirmType='search'
        onInput={(e) => setDraft(e.detail.value)}
        onConfirm={() => setQ(draft.trim())}
      />
      {q ? (
        <PagedListView list={hits} emptyText={`没有找到与“${q}”相关的文档`}>
          {hits.items.map((h) => (
            <View key={h.id} className='qx-card' data-testid='search-hit' onClick={() => go(routes.doc, { id: h.id })}>
              <Text className='qx-card__title'>{snippetRuns(h.titleHighlight ?? h.title).map((r, i) => <Text key={i} className={r.hit ? 'qx-hit' : ''}>{r.text}</Text>)}</Text>
              {h.spaceName ? <Text className='qx-card__meta'>{h.spaceName}</Text> : null}
              {h.snippet ? (
                <Text className='qx-card__meta'>{snippetRuns(h.snippet).map((r, i) => <Text key={i} className={r.hit ? 'qx-hit' : ''}>{r.text}</Text>)}</Text>
              ) : null}
            </View>
          ))}
        </PagedListView>
      ) : (
        <View className='qx-card__meta'>输入关键词搜索你有权阅读的文档</View>
      )}
    </View>
  );
}

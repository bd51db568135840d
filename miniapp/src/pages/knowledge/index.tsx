/** 知识库: search box and the spaces I can read, paginated. */
import { useState } from 'react';
import { Input, Text, View } from '@tarojs/components';
import { PagedListView } from '../../components/state-view';
import { usePagedList } from '../../hooks/use-paged-list';
import { useSignedIn } from '../../hooks/use-signed-in';
import { go, routes } from '../../lib/routes';
import { listSpaces } from '../../services/knowledge';

export default function Knowledge() {
  useSignedIn();
  const [q, setQ] = useState('');
  const spaces = usePagedList(listSpaces);
  const submit = () => q.trim() && go(routes.search, { q: q.trim() });
  return (
    <View className='qx-page' data-testid='knowledge'>
      <View className='qx-section'>
        <Input
          className='qx-input'
          data-testid='search-input'
          placeholder='搜索文档（支持中文，如：学习、制度）'
          value={q}
          confirmType='search'
          onInput={(e) => setQ(e.detail.value)}
          onConfirm={submit}
        />
      </View>
      <View className='qx-section__title'>
        <Text>知识空间</Text>
      </View>
      <PagedListView list={spaces} emptyText='暂无可阅读的知识空间'>
        {spaces.items.map((s) => (
          <View key={s.id} className='qx-card' data-testid='space-card' onClick={() => go(routes.space, { id: s.id, name: s.name })}>
            <Text className='qx-card__title'>{s.name}</Text>
            {s.description ? <Text className='qx-card__meta'>{s.description}</Text> : null}
          </View>
        ))}
      </PagedListView>
    </View>
  );
}

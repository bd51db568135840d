/** 收件箱: notices (assignments, deadlines, results), paginated; opening one marks it read and opens what it is about. */
import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { PagedListView } from '../../../../components/state-view';
import { usePagedList } from '../../../../hooks/use-paged-list';
import { inbox, markRead } from '../../../../services/records';
import { useTimeZone } from '../../../../hooks/use-time-zone';
import { formatRelative } from '../../../../lib/time';
import { noticeTarget } from '../../../../lib/notice-link';
import { go } from '../../../../lib/routes';

export default function Inbox() {
  const tz = useTimeZone();
  const list = usePagedList(inbox);
  const [read, setRead] = useState<Set<string>>(new Set());
  return (
    <View className='qx-page' data-testid='inbox'>
      <PagedListView list={list} emptyText='收件箱是空的'>
        {list.items.map((n) => (
          <View
            key={n.id}
            className='qx-card'
            data-testid='notice'
            onClick={() => {
              if (!n.readAt && !read.has(n.id)) markRead(n.id).then(() => setRead(new Set(read).add(n.id)), () => undefined);
              const target = noticeTarget(n);
              if (target) go(target.path, target.params);
            }}
          >
            <Text className='qx-card__title' style={{ fontWeight: n.readAt || read.has(n.id) ? 'normal' : 600 }}>{n.title}</Text>
            {n.body ? <Text className='qx-card__meta'>{n.body}</Text> : null}
            <Text className='qx-card__meta'>{formatRelative(n.createdAt, Date.now(), tz)}</Text>
          </View>
        ))}
      </PagedListView>
    </View>
  );
}

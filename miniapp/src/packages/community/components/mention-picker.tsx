/**
 * @提及同事: search colleagues by name, pick them; the text gets "@名字" and the request their ids.
 * People are shown by name (open-data), never by id.
 */
import { useState } from 'react';
import { Input, Text, View } from '@tarojs/components';
import { OpenDataName } from '../../../components/open-data-name';
import { StateView } from '../../../components/state-view';
import { useDebounced } from '../../../hooks/use-debounced';
import { useRequest } from '../../../hooks/use-request';
import { findColleagues, type Colleague } from '../../../services/community';

export function MentionPicker({ picked, onPick, onRemove }: { picked: Colleague[]; onPick: (c: Colleague) => void; onRemove: (id: string) => void }) {
  const [open, setOpen] = useState(false);
  const [draft, setDraft] = useState('');
  const q = useDebounced(draft.trim());
  const found = useRequest(() => findColleagues(q), [q], open && !!q);
  return (
    <View className='qx-section' data-testid='mention-picker'>
      <View>
        {picked.map((c) => (
          <View key={c.id} className='qx-chip qx-chip--on' data-testid='mention-picked' onClick={() => onRemove(c.id)}>
            <Text>@</Text>
            <OpenDataName hostUserId={c.hostUserId} name={c.name} />
            <Text> ×</Text>
          </View>
        ))}
        <View className='qx-chip' data-testid='mention-open' onClick={() => setOpen(!open)}>
          {open ? '收起' : '@ 提及同事'}
        </View>
      </View>
      {open ? (
        <View>
          <Input className='qx-input' data-testid='mention-search' placeholder='输入同事姓名搜索' value={draft} onInput={(e) => setDraft(e.detail.value)} />
          {q ? (
            <StateView loading={found.loading} error={found.error} onRetry={found.reload} empty={!found.data?.items.length} emptyText='没有找到这位同事'>
              {found.data?.items.map((c) => (
                <View
                  key={c.id}
                  className='qx-card qx-row'
                  data-testid='mention-candidate'
                  onClick={() => {
                    if (!picked.some((p) => p.id === c.id)) onPick(c);
                    setOpen(false);
                    setDraft('');
                  }}
                >
                  <OpenDataName hostUserId={c.hostUserId} name={c.name} />
                </View>
              ))}
            </StateView>
          ) : null}
        </View>
      ) : null}
    </View>
  );
}

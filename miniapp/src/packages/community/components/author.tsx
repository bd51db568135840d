/** An author's or a mentioned colleague's name from the answer's `people` map (never the id). */
import { Text } from '@tarojs/components';
import { OpenDataName } from '../../../components/open-data-name';
import type { People } from '../../../services/community';

export function PersonName({ people, id, className }: { people: People | undefined; id: string; className?: string }) {
  const p = people?.[id];
  if (!p) return <Text className={className}>同事</Text>;
  return <OpenDataName hostUserId={p.hostUserId} name={p.name} className={className} />;
}

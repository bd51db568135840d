/**
 * What happened to something the member wrote: published, held for review (with the reason), or
 * refused / blocked (screening refusal, restriction, suspension — with the way to appeal).
 */
import { Text, View } from '@tarojs/components';
import { go, routes } from '../../../lib/routes';
import { displayMessage } from '../../../lib/api-error';
import { writeProblem } from '../../../lib/community-text';
import type { ContentStatus } from '../../../services/community';

export function HeldBanner({ status, reason, what }: { status: ContentStatus; reason: string | null; what: string }) {
  if (status === 'held') {
    return (
      <View className='qx-banner qx-banner--wait' data-testid='outcome-held'>
        <Text className='qx-banner__title'>{`${what}已提交，正在等待审核`}</Text>
        <Text>{`审核通过前只有你能看到。${reason ? `原因：${reason.split(' / ')[0]}` : ''}`}</Text>
      </View>
    );
  }
  if (status === 'hidden') {
    return (
      <View className='qx-banner qx-banner--no' data-testid='outcome-hidden'>
        <Text className='qx-banner__title'>{`${what}已被管理员隐藏，其他同事看不到`}</Text>
        <Text className='qx-section__more' onClick={() => go(routes.communityPenalties)}>查看通知与申诉</Text>
      </View>
    );
  }
  return null;
}

export function PublishedBanner({ what }: { what: string }) {
  return (
    <View className='qx-banner qx-banner--ok' data-testid='outcome-published'>
      <Text>{`${what}已发布`}</Text>
    </View>
  );
}

/** A write that failed: screening refusals and penalties explained; anything else as the server says. */
export function WriteError({ error }: { error: unknown }) {
  if (!error) return null;
  const problem = writeProblem(error);
  if (!problem) {
    return (
      <View className='qx-banner qx-banner--no' data-testid='write-error'>
        <Text>{displayMessage(error)}</Text>
      </View>
    );
  }
  return (
    <View className='qx-banner qx-banner--no' data-testid='outcome-refused'>
      <Text className='qx-banner__title'>{problem.title}</Text>
      <Text>{problem.text}</Text>
      {problem.toPenalties ? (
        <View>
          <Text className='qx-section__more' data-testid='to-penalties' onClick={() => go(routes.communityPenalties)}>
            我的处罚与申诉
          </Text>
        </View>
      ) : null}
    </View>
  );
}

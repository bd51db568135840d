/** The document reader: sanitised rich text from the server, under the viewer's watermark. */
import Taro, { useRouter } from '@tarojs/taro';
import { RichText, Text, View } from '@tarojs/components';
import { StateView } from '../../../../components/state-view';
import { Watermark } from '../../../../components/watermark';
import { useRequest } from '../../../../hooks/use-request';
import { getDocument } from '../../../../services/knowledge';
import { getProfile } from '../../../../services/session';
import { useTimeZone } from '../../../../hooks/use-time-zone';
import { formatDate } from '../../../../lib/time';
import { TaskReadConfirm } from '../../components/task-read-confirm';

export default function Doc() {
  const { params } = useRouter();
  const id = params.id ?? '';
  // Opened from a training task: the reader confirms having read it there.
  const taskId = params.taskId ?? '';
  const doc = useRequest(() => getDocument(id), [id]);
  const me = getProfile();
  const tz = useTimeZone();
  if (doc.data?.title) Taro.setNavigationBarTitle({ title: doc.data.title });
  return (
    <View className='qx-page'>
      <StateView loading={doc.loading} error={doc.error} onRetry={doc.reload}>
        {doc.data ? (
          <View className='qx-doc' data-testid='document'>
            <Watermark mark={doc.data.watermark ?? { name: me?.member.name, hostUserId: me?.member.hostUserId }} />
            <Text className='qx-doc__title'>{doc.data.title}</Text>
            {doc.data.updatedAt ? <Text className='qx-card__meta'>{`更新于 ${formatDate(doc.data.updatedAt, tz)}`}</Text> : null}
            <RichText className='qx-doc__body' nodes={doc.data.body} />
            {taskId ? <TaskReadConfirm taskId={taskId} documentId={id} /> : null}
          </View>
        ) : null}
      </StateView>
    </View>
  );
}

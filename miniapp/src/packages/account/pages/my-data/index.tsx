/**
 * 我的个人信息: everything Qixue holds about me, as a readable page — headings, labelled fields,
 * times in the enterprise's zone, things by name (lib/data-export). It can be copied as text.
 */
import { useMemo, useState } from 'react';
import Taro from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { StateView } from '../../../../components/state-view';
import { useRequest } from '../../../../hooks/use-request';
import { useSignedIn } from '../../../../hooks/use-signed-in';
import { useTimeZone } from '../../../../hooks/use-time-zone';
import { exportSections, exportText, unknownExportParts } from '../../../../lib/data-export';
import { myDataExport } from '../../../../services/account';
import { FormMessage, KeyValue } from '../../components/form';

/** Items shown per section before "显示全部" (a long login history would make a very long page). */
const SHOWN = 20;

export default function MyData() {
  const { signedIn } = useSignedIn();
  const tz = useTimeZone();
  const data = useRequest(() => myDataExport(), [], signedIn);
  const sections = useMemo(() => (data.data ? exportSections(data.data, tz) : []), [data.data, tz]);
  const unknown = data.data ? unknownExportParts(data.data) : 0;
  const [copied, setCopied] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [expanded, setExpanded] = useState<string[]>([]);

  const copy = () =>
    Taro.setClipboardData({ data: exportText(sections) }).then(
      () => setCopied('已复制全部内容，可粘贴保存'),
      (err) => setError(err),
    );

  return (
    <View className='qx-page' data-testid='my-data'>
      <StateView loading={data.loading} error={data.error} onRetry={data.reload}>
        <View className='qx-card'>
          <Text className='qx-card__meta'>以下是本应用保存的关于你的全部个人信息。如有错误，可在「个人资料」中更正，或在「个人信息与隐私」中向平台申请更正、删除。</Text>
          <Button size='mini' className='qx-btn' style={{ marginTop: '16px' }} data-testid='copy-my-data' onClick={copy}>复制全部内容</Button>
          <FormMessage error={error} ok={copied} />
        </View>
        {sections.map((s) => (
          <View key={s.key} data-testid='export-section' data-section={s.key}>
            <View className='qx-section__title'>
              <Text>{s.title}</Text>
              {s.items.length ? <Text className='qx-section__more'>{`${s.items.length} 条`}</Text> : null}
            </View>
            {!s.fields.length && !s.items.length ? <View className='qx-card qx-card__meta'>{s.emptyText}</View> : null}
            {s.fields.length ? (
              <View className='qx-card'>
                {s.fields.map((f) => <KeyValue key={f.label} label={f.label} value={f.value} />)}
              </View>
            ) : null}
            {(expanded.includes(s.key) ? s.items : s.items.slice(0, SHOWN)).map((item, i) => (
              <View key={i} className='qx-card' data-testid='export-item'>
                <Text className='qx-card__title'>{item.title}</Text>
                {item.fields.map((f) => <KeyValue key={f.label} label={f.label} value={f.value} />)}
              </View>
            ))}
            {s.items.length > SHOWN && !expanded.includes(s.key) ? (
              <View className='qx-list-footer qx-list-footer--more' onClick={() => setExpanded([...expanded, s.key])}>{`显示全部 ${s.items.length} 条`}</View>
            ) : null}
          </View>
        ))}
        {unknown > 0 ? <View className='qx-card__meta'>还有部分信息本页暂不能显示，请更新应用后查看。</View> : null}
      </StateView>
    </View>
  );
}

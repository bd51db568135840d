/**
 * 个人信息与隐私: see everything Qixue holds about me (a readable page), correct what I can myself,
 * and send the platform a request (correct, delete, withdraw consent …), answered within 15 days;
 * my earlier requests with their answers.
 */
import { useState } from 'react';
import { useRouter } from '@tarojs/taro';
import { Text, Textarea, View } from '@tarojs/components';
import { StateView } from '../../../../components/state-view';
import { useRequest } from '../../../../hooks/use-request';
import { useSignedIn } from '../../../../hooks/use-signed-in';
import { useTimeZone } from '../../../../hooks/use-time-zone';
import { requestKindLabel, requestKinds, requestStatusLabel } from '../../../../lib/account-labels';
import { go, routes } from '../../../../lib/routes';
import { formatDate, formatDateTime } from '../../../../lib/time';
import { createPrivacyRequest, myPrivacyRequests, type PrivacyRequestKind } from '../../../../services/account';
import { FormField, FormMessage, Submit } from '../../components/form';

const placeholders: Record<string, string> = {
  correction: '请说明哪一项信息有误，以及正确的内容',
  deletion: '请说明希望删除哪些个人信息',
  withdraw_consent: '请说明撤回对哪项协议或用途的同意',
};

export default function Privacy() {
  const { signedIn } = useSignedIn();
  const { params } = useRouter();
  const tz = useTimeZone();
  const initial = requestKinds.find((k) => k.kind === params.kind)?.kind ?? 'correction';
  const requests = useRequest(() => myPrivacyRequests(), [], signedIn);
  const [kind, setKind] = useState<PrivacyRequestKind>(initial);
  const [details, setDetails] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [ok, setOk] = useState<string | null>(null);

  const why = !details.trim() ? '请填写申请内容' : details.length > 2000 ? '申请内容不超过 2000 字' : null;
  const send = () => {
    setBusy(true);
    setError(null);
    setOk(null);
    createPrivacyRequest(kind, details.trim()).then(
      (r) => {
        setBusy(false);
        setDetails('');
        setOk(`已提交，平台将在 ${formatDate(r.dueAt, tz)} 前答复`);
        requests.reload();
      },
      (err) => {
        setBusy(false);
        setError(err);
      },
    );
  };

  return (
    <View className='qx-page' data-testid='privacy-page'>
      <View className='qx-card qx-link-row' data-testid='open-my-data' onClick={() => go(routes.myData)}>
        <View>
          <Text className='qx-card__title'>查看我的个人信息</Text>
          <Text className='qx-card__meta'>本应用保存的关于你的全部信息：资料、登录、协议、学习记录等</Text>
        </View>
        <Text className='qx-link-row__arrow'>›</Text>
      </View>
      <View className='qx-card qx-link-row' onClick={() => go(routes.profile)}>
        <View>
          <Text className='qx-card__title'>自行更正资料</Text>
          <Text className='qx-card__meta'>姓名、实名信息可在「个人资料」中直接修改</Text>
        </View>
        <Text className='qx-link-row__arrow'>›</Text>
      </View>

      <View className='qx-section__title'><Text>向平台提出申请</Text></View>
      <View className='qx-form' data-testid='privacy-request-form'>
        <FormField label='申请类型'>
          <View className='qx-tabs' style={{ flexWrap: 'wrap', marginBottom: 0 }}>
            {requestKinds.map((k) => (
              <View key={k.kind} className={`qx-tab ${kind === k.kind ? 'qx-tab--active' : ''}`} data-testid='request-kind' onClick={() => setKind(k.kind)}>
                {k.label}
              </View>
            ))}
          </View>
        </FormField>
        <FormField label='申请内容' hint='平台将在 15 天内答复'>
          <Textarea
            className='qx-form__input'
            style={{ height: '160px', width: '100%' }}
            maxlength={2000}
            value={details}
            placeholder={placeholders[kind] ?? '请说明你的申请'}
            data-testid='request-details'
            onInput={(e) => setDetails(e.detail.value)}
          />
        </FormField>
        <Submit onClick={send} busy={busy} why={why} testId='send-request'>提交申请</Submit>
        <FormMessage error={error} ok={ok} />
      </View>

      <View className='qx-section__title'><Text>我的申请</Text></View>
      <StateView loading={requests.loading} error={requests.error} onRetry={requests.reload} empty={(requests.data ?? []).length === 0} emptyText='你还没有提出过申请'>
        {(requests.data ?? []).map((r) => (
          <View key={r.id} className='qx-card' data-testid='privacy-request'>
            <View className='qx-row'>
              <Text className='qx-card__title'>{requestKindLabel(r.kind)}</Text>
              <Text className={`qx-pill ${r.status === 'answered' ? 'qx-pill--ok' : r.status === 'rejected' || r.overdue ? 'qx-pill--bad' : 'qx-pill--wait'}`}>
                {requestStatusLabel(r.status, r.overdue)}
              </Text>
            </View>
            <Text className='qx-card__meta'>{r.details}</Text>
            <Text className='qx-card__meta'>{`提交于 ${formatDateTime(r.createdAt, tz)} · 答复期限 ${formatDate(r.dueAt, tz)}`}</Text>
            {r.answer ? <Text className='qx-card__meta'>{`平台答复（${formatDateTime(r.answeredAt, tz)}）：${r.answer}`}</Text> : null}
          </View>
        ))}
      </StateView>
    </View>
  );
}

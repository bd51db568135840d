/**
 * 个人资料与实名信息: my name (WeCom people: from the directory, changed there) and the real-name
 * fields, which are asked for only where the enterprise requires them. The ID number is shown
 * masked and cannot be changed once set.
 */
import { useEffect, useState } from 'react';
import { Text, View } from '@tarojs/components';
import { StateView } from '../../../../components/state-view';
import { useRequest } from '../../../../hooks/use-request';
import { useSignedIn } from '../../../../hooks/use-signed-in';
import { me } from '../../../../services/auth';
import { myRealName, saveRealName, type RealName, type RealNameInput } from '../../../../services/account';
import { FormMessage, KeyValue, Submit, TextField } from '../../components/form';

type Draft = Record<'name' | 'realName' | 'idNumber' | 'employer' | 'region', string>;

const ID_RULE = /^\d{17}[\dXx]$/;

export default function Profile() {
  const { signedIn } = useSignedIn();
  const data = useRequest(() => Promise.all([me(), myRealName()]), [], signedIn);
  const [draft, setDraft] = useState<Draft>({ name: '', realName: '', idNumber: '', employer: '', region: '' });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [ok, setOk] = useState<string | null>(null);
  const [saved, setSaved] = useState<RealName | null>(null);
  const profile = data.data?.[0];
  const real = saved ?? data.data?.[1];
  const nameFromHost = !!profile?.member.hostUserId;

  useEffect(() => {
    if (!profile || !real) return;
    setDraft({ name: profile.member.name ?? '', realName: real.realName ?? '', idNumber: '', employer: real.employer ?? '', region: real.region ?? '' });
  }, [profile, real]);

  const set = (k: keyof Draft) => (v: string) => setDraft((d) => ({ ...d, [k]: v }));

  const changes = (): { name?: string; real: RealNameInput } => {
    const out: RealNameInput = {};
    if (real?.required) {
      for (const k of ['realName', 'employer', 'region'] as const) if (draft[k].trim() && draft[k].trim() !== (real[k] ?? '')) out[k] = draft[k].trim();
      if (!real.idNumberLocked && draft.idNumber.trim()) out.idNumber = draft.idNumber.trim();
    }
    const name = !nameFromHost && draft.name.trim() && draft.name.trim() !== (profile?.member.name ?? '') ? draft.name.trim() : undefined;
    return { name, real: out };
  };
  const pending = changes();
  const why = draft.idNumber.trim() && !ID_RULE.test(draft.idNumber.trim())
    ? '身份证号应为 18 位（最后一位可以是 X）'
    : !pending.name && Object.keys(pending.real).length === 0
      ? '没有需要保存的修改'
      : null;

  const save = () => {
    setBusy(true);
    setError(null);
    setOk(null);
    const body = { ...pending.real, ...(pending.name && { name: pending.name }) };
    saveRealName(body).then(
      (r) => {
        setBusy(false);
        setSaved(r);
        setOk('已保存');
        data.reload();
      },
      (err) => {
        setBusy(false);
        setError(err);
      },
    );
  };

  return (
    <View className='qx-page' data-testid='profile-page'>
      <StateView loading={data.loading} error={data.error} onRetry={data.reload}>
        {profile && real ? (
          <>
            <View className='qx-section__title'><Text>基本资料</Text></View>
            <View className='qx-form'>
              {nameFromHost ? (
                <>
                  <KeyValue label='姓名' value={profile.member.name ?? '（由企业微信显示）'} />
                  <Text className='qx-form__hint'>姓名来自企业微信通讯录，请在企业微信中修改。</Text>
                </>
              ) : (
                <TextField label='姓名' value={draft.name} onChange={set('name')} testId='profile-name' />
              )}
            </View>
            <View className='qx-section__title'><Text>实名信息</Text></View>
            {real.required ? (
              <View className='qx-form' data-testid='real-name-form'>
                <Text className='qx-form__hint'>本企业要求填写实名信息（用于培训证明等）。身份证号加密保存，设置后不能修改。</Text>
                <TextField label='真实姓名' value={draft.realName} onChange={set('realName')} testId='real-name' />
                {real.idNumberLocked ? (
                  <KeyValue label='身份证号' value={`${real.idNumber ?? ''}（已设置，不能修改）`} />
                ) : (
                  <TextField label='身份证号' type='idcard' maxlength={18} value={draft.idNumber} onChange={set('idNumber')} placeholder='18 位身份证号' testId='id-number' />
                )}
                <TextField label='工作单位' value={draft.employer} onChange={set('employer')} testId='employer' />
                <TextField label='所在地区' value={draft.region} onChange={set('region')} placeholder='如：上海市浦东新区' testId='region' />
              </View>
            ) : (
              <View className='qx-card' data-testid='real-name-not-required'>
                <Text className='qx-card__meta'>本企业未要求填写实名信息，无需填写。</Text>
                {real.realName ? <KeyValue label='真实姓名' value={real.realName} /> : null}
                {real.idNumber ? <KeyValue label='身份证号' value={real.idNumber} /> : null}
              </View>
            )}
            {real.required || !nameFromHost ? (
              <Submit onClick={save} busy={busy} why={why} testId='save-profile'>保存</Submit>
            ) : null}
            <FormMessage error={error} ok={ok} />
          </>
        ) : null}
      </StateView>
    </View>
  );
}

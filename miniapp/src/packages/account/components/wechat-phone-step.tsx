/**
 * WeChat mini-program: the first sign-in of a person invited by phone — they share their number
 * (getPhoneNumber), then pick the enterprise if the number belongs to several. The H5 build never
 * runs inside WeChat's mini-program host: wechat-phone-step.h5.tsx renders nothing.
 */
import { Button, Text, View, type BaseEventOrig } from '@tarojs/components';
import type { TenantChoice } from '../../../lib/sign-in-flow';

export function WechatPhoneStep({ busy, tenants, onPhoneCode, onTenant, onRefused }: {
  busy: boolean;
  tenants?: TenantChoice[];
  onPhoneCode: (phoneCode: string) => void;
  onTenant: (tenantId: string) => void;
  onRefused: () => void;
}) {
  const shared = (e: BaseEventOrig<{ code?: string }>) => (e.detail.code ? onPhoneCode(e.detail.code) : onRefused());
  return (
    <View className='qx-card' data-testid='wechat-phone-step'>
      <Text className='qx-card__title'>首次登录，请授权手机号</Text>
      <Text className='qx-card__meta'>企业通过手机号邀请了你：授权后即可加入企业并登录。</Text>
      {tenants ? (
        tenants.map((t) => (
          <Button key={t.id} className={`qx-btn ${busy ? 'qx-btn--disabled' : ''}`} style={{ marginTop: '12px' }} disabled={busy} onClick={() => onTenant(t.id)}>
            {`登录「${t.name}」`}
          </Button>
        ))
      ) : (
        <Button className={`qx-btn qx-btn--primary ${busy ? 'qx-btn--disabled' : ''}`} style={{ marginTop: '16px' }} openType='getPhoneNumber' disabled={busy} onGetPhoneNumber={shared}>
          {busy ? '正在登录…' : '授权手机号并登录'}
        </Button>
      )}
    </View>
  );
}

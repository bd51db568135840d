/** H5 variant of wechat-phone-step.tsx: a browser is never WeChat's mini-program host, so there is no phone step to show. */
import type { TenantChoice } from '../../../lib/sign-in-flow';

export function WechatPhoneStep(_props: {
  busy: boolean;
  tenants?: TenantChoice[];
  onPhoneCode: (phoneCode: string) => void;
  onTenant: (tenantId: string) => void;
  onRefused: () => void;
}) {
  return null;
}

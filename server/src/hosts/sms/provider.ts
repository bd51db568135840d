/**
 * Sending SMS: one interface, so a real provider (Tencent Cloud SMS, Aliyun …) is configuration.
 * Qixue sends only verification codes; the text is rendered here so every provider says the same.
 */
export type SmsTemplate = 'verification_code';

export interface SmsMessage {
  /** Mainland China mobile number, 11 digits. */
  phone: string;
  template: SmsTemplate;
  params: Record<string, string>;
  text: string;
}

export interface SmsProvider {
  readonly name: string;
  send(message: SmsMessage): Promise<void>;
}

export function renderSms(template: SmsTemplate, params: Record<string, string>): string {
  switch (template) {
    case 'verification_code':
      return `【企学】验证码 ${params.code}，${params.minutes} 分钟内有效。如非本人操作，请忽略。`;
  }
}

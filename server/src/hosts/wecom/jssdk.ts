/**
 * JS-SDK signatures for @wecom/jssdk (`ww.register({ getConfigSignature, getAgentConfigSignature })`).
 * Two tickets, fetched with the corp token and cached in the database until they expire (the
 * host allows 400 jsapi tickets an hour per corp and 100 agent_config tickets per app):
 *   get_jsapi_ticket                → config (the corp)
 *   ticket/get?type=agent_config    → agentConfig (the app)
 * The signed URL is the page URL without its `#` part.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { WecomClient } from './client';

export interface Signature {
  timestamp: number;
  nonceStr: string;
  signature: string;
}

export function signUrl(ticket: string, url: string, timestamp = Math.floor(Date.now() / 1000), nonceStr = randomBytes(12).toString('base64url')): Signature {
  const page = url.split('#')[0];
  const signature = createHash('sha1').update(`jsapi_ticket=${ticket}&noncestr=${nonceStr}&timestamp=${timestamp}&url=${page}`).digest('hex');
  return { timestamp, nonceStr, signature };
}

export async function jssdkSignatures(wecom: WecomClient, tenant: { id: string; corpId: string; agentId: number }, url: string) {
  const ticket = (kind: 'jsapi' | 'agent_config') =>
    wecom.cached(`${kind}_ticket:${wecom.suiteId}:${tenant.corpId}`, async () => {
      const res = kind === 'jsapi' ? await wecom.corpGet(tenant.id, 'get_jsapi_ticket') : await wecom.corpGet(tenant.id, 'ticket/get', { type: 'agent_config' });
      return { value: String(res.ticket), expiresIn: Number(res.expires_in) };
    });
  const [corpTicket, agentTicket] = await Promise.all([ticket('jsapi'), ticket('agent_config')]);
  return {
    corpId: tenant.corpId,
    agentId: tenant.agentId,
    config: signUrl(corpTicket, url),
    agentConfig: signUrl(agentTicket, url),
  };
}

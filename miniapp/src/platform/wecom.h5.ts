/**
 * H5 inside WeCom's browser: register the JS-SDK with signatures from the server, and draw
 * colleagues' names with WeCom's open-data frame. The SDK is loaded on demand (its own chunk) and
 * only inside WeCom, so the first page of the ordinary browser build stays small.
 */
import { http } from '../services/http';
import { detectHost } from './host';

type Jssdk = typeof import('@wecom/jssdk');
let sdk: Promise<Jssdk> | null = null;

interface Signature {
  timestamp: number;
  nonceStr: string;
  signature: string;
}

/** GET /api/v1/wecom/jssdk-config?url=… (signatures for this page's URL). */
interface JssdkConfig {
  corpId: string;
  agentId?: string | number;
  config: Signature;
  agentConfig: Signature;
}

function load(): Promise<Jssdk> {
  sdk ??= import(/* webpackChunkName: "wecom-jssdk" */ '@wecom/jssdk');
  return sdk;
}

export async function registerWecom(): Promise<boolean> {
  if (detectHost() !== 'wxwork-h5') return false;
  const ww = await load();
  const url = location.href.split('#')[0];
  const config = await http.get<JssdkConfig>('/api/v1/wecom/jssdk-config', { url });
  ww.register({
    corpId: config.corpId,
    agentId: config.agentId,
    jsApiList: ['checkSession'],
    getConfigSignature: () => config.config,
    getAgentConfigSignature: () => config.agentConfig,
  });
  return true;
}

export async function mountOpenDataName(el: HTMLElement, hostId: string, kind: 'userName' | 'departmentName' = 'userName'): Promise<() => void> {
  const ww = await load();
  const frame = ww.createOpenDataFrameFactory().createOpenDataFrame({
    el,
    template: `<ww-open-data type="${kind}" openid="{{data.id}}"></ww-open-data>`,
    data: { id: hostId },
  });
  return () => frame.dispose?.();
}

/** Builds the WeChat client from configuration. */
import type { Config } from '@qixue/config';
import type { Logger } from 'pino';
import { NO_HOST } from '../wecom';
import { WechatClient } from './client';

/**
 * The sandbox serves the WeChat paths next to the WeCom ones, so without WECHAT_API_BASE the
 * client follows WECOM_API_BASE (the in-process sandbox). Real hosts: set both.
 */
export function createWechatClient(config: Config, logger: Logger): WechatClient {
  return new WechatClient({
    baseUrl: config.WECHAT_API_BASE ?? config.WECOM_API_BASE ?? NO_HOST,
    appId: config.WECHAT_APP_ID,
    appSecret: config.WECHAT_APP_SECRET,
    logger,
  });
}

/**
 * Every area of the sandbox. An area is a file in routes/ exporting `(state) => Router`; adding
 * one is one line here. Host API routes carry the host's paths (/cgi-bin/…, /sns/…); development
 * endpoints live under /sandbox/….
 */
import type Router from '@koa/router';
import type { SandboxState } from '../state';
import { serviceRoutes } from './service';
import { directoryRoutes } from './directory';
import { devRoutes } from './dev';
import { loginRoutes } from './login';
import { messageRoutes } from './messages';
import { wechatRoutes } from './wechat';
import { mediaRoutes } from './media';

export const areas: ((state: SandboxState) => Router)[] = [serviceRoutes, directoryRoutes, devRoutes, loginRoutes, messageRoutes, wechatRoutes, mediaRoutes];

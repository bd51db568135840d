/** Every knowledge-base router, each mounted at /api/v1 by modules/index.ts. */
import type Router from '@koa/router';
import type { AppDeps, AppState } from '../../core/context';
import { attachmentRoutes } from './attachments/routes';
import { documentRoutes } from './documents/routes';
import { nodeRoutes } from './nodes/routes';
import { permissionRoutes } from './permissions/routes';
import { searchRoutes } from './search/routes';
import { settingsRoutes } from './settings-routes';
import { socialRoutes } from './social/routes';
import { spaceRoutes } from './spaces/routes';
import { transferRoutes } from './transfer/routes';

export function knowledgeRoutes(deps: AppDeps): Router<AppState>[] {
  return [spaceRoutes, nodeRoutes, documentRoutes, permissionRoutes, socialRoutes, attachmentRoutes, searchRoutes, transferRoutes, settingsRoutes].map((sub) => sub(deps));
}

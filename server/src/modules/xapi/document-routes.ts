/** The document resources: /activities/state, /activities/profile and /agents/profile. */
import type Router from '@koa/router';
import type { Middleware, ParameterizedContext } from 'koa';
import type { AppDeps, AppState } from '../../core/context';
import { errors } from '../../core/errors';
import { readBody } from './http';
import { agentIfi } from './keys';
import { agentParam, iri, singleValues, timestampParam, uuidParam } from './schema';
import {
  deleteDocument, deleteStates, getDocument, listDocuments, postDocument, putDocument, type DocumentResource, type DocumentScope, type Preconditions,
} from './documents';
import { isoFromUs } from './stored-time';

type Ctx = ParameterizedContext<AppState>;

interface ResourceShape {
  path: string;
  resource: DocumentResource;
  activity: boolean;
  agent: boolean;
  registration: boolean;
  idParam: 'stateId' | 'profileId';
}

const RESOURCES: ResourceShape[] = [
  { path: '/activities/state', resource: 'state', activity: true, agent: true, registration: true, idParam: 'stateId' },
  { path: '/activities/profile', resource: 'activityProfile', activity: true, agent: false, registration: false, idParam: 'profileId' },
  { path: '/agents/profile', resource: 'agentProfile', activity: false, agent: true, registration: false, idParam: 'profileId' },
];

const missing = (name: string) => errors.badRequest('invalid_parameter', `缺少参数 ${name} / The ${name} parameter is required`);

function parse(ctx: Ctx, shape: ResourceShape, extra: string[]) {
  const allowed = [shape.idParam, ...(shape.activity ? ['activityId'] : []), ...(shape.agent ? ['agent'] : []), ...(shape.registration ? ['registration'] : []), ...extra];
  const p = singleValues(ctx.query, allowed);
  if (shape.activity && p.activityId === undefined) throw missing('activityId');
  if (shape.agent && p.agent === undefined) throw missing('agent');
  const scope: DocumentScope = {
    tenantId: ctx.state.lrs!.tenantId,
    resource: shape.resource,
    activityId: shape.activity ? iri(p.activityId!, 'activityId') : null,
    agentIfi: shape.agent ? agentIfi(agentParam(p.agent!)) : null,
    registration: p.registration !== undefined ? uuidParam(p.registration, 'registration') : '',
  };
  if (shape.agent && scope.agentIfi === null) throw errors.badRequest('invalid_parameter', '参数 agent 须有标识 / The agent must be identified');
  const docId = p[shape.idParam];
  if (docId !== undefined && (docId.length === 0 || docId.length > 2048)) throw errors.badRequest('invalid_parameter', `${shape.idParam} 长度无效 / ${shape.idParam} has an invalid length`);
  return { scope, docId, params: p, anyRegistration: p.registration === undefined };
}

const preconditions = (ctx: Ctx): Preconditions => ({
  ...(ctx.get('if-match') && { ifMatch: ctx.get('if-match') }),
  ...(ctx.get('if-none-match') && { ifNoneMatch: ctx.get('if-none-match') }),
});

export function documentRoutes(router: Router<AppState>, deps: AppDeps, auth: Middleware): void {
  for (const shape of RESOURCES) {
    router.get(shape.path, auth, async (ctx: Ctx) => {
      const { scope, docId, params, anyRegistration } = parse(ctx, shape, ['since']);
      if (docId !== undefined) {
        if (params.since !== undefined) throw errors.badRequest('invalid_parameter', 'since 只用于列出文档 / since applies to listing only');
        const doc = await getDocument(deps.db, scope, docId);
        if (!doc) throw errors.notFound('document');
        ctx.set('ETag', `"${doc.etag}"`);
        ctx.set('Last-Modified', new Date(doc.updatedUs / 1000).toUTCString());
        ctx.type = doc.contentType;
        ctx.body = doc.content;
        return;
      }
      const sinceUs = params.since !== undefined ? timestampParam(params.since, 'since') : null;
      const { ids, lastUs } = await listDocuments(deps.db, scope, sinceUs, anyRegistration);
      if (lastUs) ctx.set('Last-Modified', new Date(lastUs / 1000).toUTCString());
      ctx.set('X-Experience-API-Consistent-Through', isoFromUs(Date.now() * 1000));
      ctx.body = ids;
    });

    for (const method of ['put', 'post'] as const) {
      router[method](shape.path, auth, async (ctx: Ctx) => {
        const { scope, docId } = parse(ctx, shape, []);
        if (docId === undefined) throw missing(shape.idParam);
        const content = await readBody(ctx);
        const contentType = ctx.get('content-type') || 'application/octet-stream';
        const write = method === 'put' ? putDocument : postDocument;
        await write(deps.db, scope, docId, contentType, content, preconditions(ctx));
        ctx.status = 204;
      });
    }

    router.delete(shape.path, auth, async (ctx: Ctx) => {
      const { scope, docId, anyRegistration } = parse(ctx, shape, []);
      if (docId !== undefined) await deleteDocument(deps.db, scope, docId, preconditions(ctx));
      else if (shape.resource === 'state') await deleteStates(deps.db, scope, anyRegistration);
      else throw missing(shape.idParam);
      ctx.status = 204;
    });
  }
}

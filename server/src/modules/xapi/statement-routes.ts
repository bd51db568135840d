/** The Statement resource: PUT one by id, POST one or a batch, GET one or a page. */
import type Router from '@koa/router';
import type { Middleware, ParameterizedContext } from 'koa';
import type { AppDeps, AppState } from '../../core/context';
import { errors } from '../../core/errors';
import { buildMultipart, mediaType, parseJson, parseMultipart, readBody, type Part } from './http';
import { checkAttachments } from './attachments';
import { storeStatements } from './statement-store';
import { findStatement, lastStoredUs, queryStatements, type StatementFilter } from './statement-query';
import { validateStatement } from './statement-validation';
import { acceptedLanguages, presentStatement } from './presenter';
import {
  STATEMENT_GET_PARAMS, agentParam, booleanValue, cursorParam, formatParam, iri, limitParam, singleValues, timestampParam, uuidParam,
} from './schema';
import { isoFromUs } from './stored-time';

type Json = Record<string, unknown>;
type Ctx = ParameterizedContext<AppState>;

/** The statements of a PUT or POST body (JSON or multipart/mixed with attachments), validated. */
async function readStatements(ctx: Ctx): Promise<{ value: unknown; attachments: Map<string, { contentType: string; body: Buffer }> }> {
  const type = mediaType(ctx.get('content-type'));
  const body = await readBody(ctx);
  if (type === 'application/json') {
    const value = parseJson(body.toString('utf8'), 'statement');
    const statements = Array.isArray(value) ? value : [value];
    statements.forEach((s) => validateStatement(s));
    checkAttachments(statements as Json[], []);
    return { value, attachments: new Map() };
  }
  if (type === 'multipart/mixed') {
    const [first, ...rest] = parseMultipart(body, ctx.get('content-type'));
    if (!first || mediaType(first.headers['content-type']) !== 'application/json') {
      throw errors.badRequest('invalid_multipart', 'multipart 的第一部分须为 application/json 语句 / The first part must be the application/json statements');
    }
    const value = parseJson(first.body.toString('utf8'), 'statement');
    const statements = Array.isArray(value) ? value : [value];
    statements.forEach((s) => validateStatement(s));
    return { value, attachments: checkAttachments(statements as Json[], rest) };
  }
  throw errors.badRequest('unsupported_content_type', '语句须以 application/json 或 multipart/mixed 提交 / Statements must be sent as application/json or multipart/mixed');
}

export function statementRoutes(router: Router<AppState>, deps: AppDeps, auth: Middleware): void {
  router.put('/statements', auth, async (ctx: Ctx) => {
    const params = singleValues(ctx.query, ['statementId']);
    if (params.statementId === undefined) throw errors.badRequest('invalid_parameter', '缺少参数 statementId / The statementId parameter is required');
    const statementId = uuidParam(params.statementId, 'statementId');
    const { value, attachments } = await readStatements(ctx);
    if (Array.isArray(value)) throw errors.badRequest('invalid_statement', 'PUT 只接受一条语句 / PUT takes one statement');
    const statement = value as Json;
    if (statement.id !== undefined && String(statement.id).toLowerCase() !== statementId) {
      throw errors.badRequest('statement_id_mismatch', '语句 id 与参数 statementId 不一致 / The statement id differs from statementId');
    }
    await storeStatements(deps.db, ctx.state.lrs!, [{ ...statement, id: statementId }], attachments);
    ctx.status = 204;
  });

  router.post('/statements', auth, async (ctx: Ctx) => {
    singleValues(ctx.query, []);
    const { value, attachments } = await readStatements(ctx);
    const statements = (Array.isArray(value) ? value : [value]) as Json[];
    ctx.body = statements.length ? await storeStatements(deps.db, ctx.state.lrs!, statements, attachments) : [];
  });

  router.get('/statements', auth, async (ctx: Ctx) => {
    // On every answer, errors included (xAPI 2.0 §4.1.6.1).
    ctx.set('X-Experience-API-Consistent-Through', isoFromUs(Date.now() * 1000));
    const p = singleValues(ctx.query, STATEMENT_GET_PARAMS);
    const tenantId = ctx.state.lrs!.tenantId;
    const format = formatParam(p.format);
    const withAttachments = booleanValue(p.attachments, 'attachments');
    const languages = acceptedLanguages(ctx.get('accept-language'));

    let statements: Json[];
    let single: Json | null = null;
    let more = '';
    if (p.statementId !== undefined || p.voidedStatementId !== undefined) {
      const others = Object.keys(p).filter((k) => !['statementId', 'voidedStatementId', 'format', 'attachments'].includes(k));
      if (others.length || (p.statementId !== undefined && p.voidedStatementId !== undefined)) {
        throw errors.badRequest('invalid_parameter', `statementId / voidedStatementId 不能与其他筛选同用 / cannot be combined with ${others.join(', ') || 'each other'}`);
      }
      const voided = p.voidedStatementId !== undefined;
      const id = uuidParam((p.statementId ?? p.voidedStatementId)!, voided ? 'voidedStatementId' : 'statementId');
      single = await findStatement(deps.db, tenantId, id, voided);
      if (!single) throw errors.notFound('statement');
      statements = [single];
      ctx.set('Last-Modified', new Date(String(single.stored)).toUTCString());
    } else {
      const filter: StatementFilter = {
        ...(p.agent !== undefined && { agent: agentParam(p.agent) }),
        ...(p.verb !== undefined && { verb: iri(p.verb, 'verb') }),
        ...(p.activity !== undefined && { activity: iri(p.activity, 'activity') }),
        ...(p.registration !== undefined && { registration: uuidParam(p.registration, 'registration') }),
        relatedAgents: booleanValue(p.related_agents, 'related_agents'),
        relatedActivities: booleanValue(p.related_activities, 'related_activities'),
        ...(p.since !== undefined && { sinceUs: timestampParam(p.since, 'since') }),
        ...(p.until !== undefined && { untilUs: timestampParam(p.until, 'until') }),
        ascending: booleanValue(p.ascending, 'ascending'),
        limit: limitParam(p.limit),
        ...(p.cursor !== undefined && { cursor: cursorParam(p.cursor) }),
      };
      const [page, lastUs] = await Promise.all([queryStatements(deps.db, tenantId, filter), lastStoredUs(deps.db, tenantId)]);
      statements = page.statements;
      if (page.next) {
        const query = new URLSearchParams({ ...p, cursor: `${page.next.storedUs}.${page.next.rowId}` });
        more = `/xapi/statements?${query.toString()}`;
      }
      if (lastUs) ctx.set('Last-Modified', new Date(lastUs / 1000).toUTCString());
    }

    const presented = statements.map((s) => presentStatement(s, format, languages));
    const result = single ? presented[0]! : { statements: presented, more };
    if (!withAttachments) {
      ctx.body = result;
      return;
    }
    const parts: Part[] = [{ headers: { 'Content-Type': 'application/json' }, body: Buffer.from(JSON.stringify(result)) }];
    for (const a of await attachmentContents(deps, tenantId, statements)) {
      parts.push({ headers: { 'Content-Type': a.contentType, 'Content-Transfer-Encoding': 'binary', 'X-Experience-API-Hash': a.sha2 }, body: a.content });
    }
    const { body, contentType } = buildMultipart(parts);
    ctx.type = contentType;
    ctx.body = body;
  });
}

async function attachmentContents(deps: AppDeps, tenantId: string, statements: Json[]) {
  const shas = new Set<string>();
  const collect = (s: Json) => {
    for (const a of (s.attachments as Json[] | undefined) ?? []) if (a.fileUrl === undefined || a.sha2) shas.add(String(a.sha2));
    const object = s.object as Json | undefined;
    if (object?.objectType === 'SubStatement') collect(object);
  };
  statements.forEach(collect);
  if (!shas.size) return [];
  const q = deps.db.dialect.quote;
  const rows = await deps.db.raw.query<{ sha2: string; contentType: string; content: Uint8Array }>(
    `SELECT ${q('sha2')}, ${q('contentType')}, ${q('content')} FROM ${q('XapiAttachment')} WHERE ${q('tenantId')} = ? AND ${q('sha2')} IN (${[...shas].map(() => '?').join(', ')})`,
    [tenantId, ...shas],
  );
  return rows.map((r) => ({ sha2: r.sha2, contentType: r.contentType, content: Buffer.from(r.content) }));
}

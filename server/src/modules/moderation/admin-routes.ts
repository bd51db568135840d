/**
 * Enterprise admins: /api/v1/admin/moderation/… — the review queue (cases with their target,
 * reports and evidence; decisions), penalties, IP bans, the sensitive-word list (with spreadsheet
 * import) and the link allow-list. Every write is audited.
 */
import Router from '@koa/router';
import type { AppDeps, AppState } from '../../core/context';
import { authenticate } from '../../core/auth/authenticate';
import { requireAdmin } from '../../core/auth/policy';
import { audit } from '../../core/audit';
import { errors } from '../../core/errors';
import { readRaw } from '../../core/http/read-raw';
import { pageArgs, toPage } from '../../core/pagination';
import { inputOf, validate } from '../../core/validate';
import { caseSelect } from './cases';
import { decideCase } from './decisions';
import { evidenceSelect, presentEvidence } from './evidence';
import { normaliseDomain } from '../community/screening/links';
import { peopleOf } from '../community/people';
import { imposePenalty, penaltySelect, revokePenalty } from './penalties';
import { presentCase, presentIpBan, presentPenalty, presentWord } from './presenter';
import { loadTarget, type TargetType } from './targets';
import { addWords, cleanWord, parseWordSheet } from './words';
import * as s from './schema';

const IMPORT_LIMIT = 5 * 1024 * 1024;
const banSelect = { id: true, ip: true, reason: true, createdById: true, endsAt: true, revokedAt: true, createdAt: true } as const;

export function moderationAdminRoutes(deps: AppDeps): Router<AppState> {
  const router = new Router<AppState>();
  const admin = [authenticate(deps), requireAdmin()];
  const one = { params: s.idParams };
  const who = (ctx: { state: AppState }) => ({ db: ctx.state.db!, actor: ctx.state.actor! });
  const auditAs = (ctx: { state: AppState; ip: string }, action: string, targetType: string, targetId: string | undefined, details: Record<string, unknown>) =>
    audit(ctx.state.db!, { tenantId: ctx.state.actor!.tenantId, actorType: 'member', actorId: ctx.state.actor!.memberId, action, targetType, targetId, ip: ctx.ip, details });

  const cases = { query: s.casesQuery };
  router.get('/admin/moderation/cases', ...admin, validate(cases), async (ctx) => {
    const { query } = inputOf(ctx, cases);
    const rows = await ctx.state.db!.moderationCase.findMany({
      where: { status: query.status, ...(query.kind && { kind: query.kind }) }, select: caseSelect, ...pageArgs(query, query.status === 'open' ? 'asc' : 'desc'),
    });
    const page = toPage(rows, query, presentCase);
    ctx.body = { ...page, people: await peopleOf(ctx.state.db!, page.items.map((c) => c.subjectId)) };
  });

  router.get('/admin/moderation/cases/:id', ...admin, validate(one), async (ctx) => {
    const { db } = who(ctx);
    const c = await db.moderationCase.findFirst({ where: { id: inputOf(ctx, one).params.id }, select: caseSelect });
    if (!c) throw errors.notFound('case');
    const target = c.targetType === 'penalty'
      ? null
      : await loadTarget(db, c.targetType as TargetType, c.targetId);
    const penalty = c.targetType === 'penalty' ? await db.memberPenalty.findFirst({ where: { id: c.targetId }, select: penaltySelect }) : null;
    const [reports, evidence] = await Promise.all([
      db.contentReport.groupBy({ by: ['reason'], where: { caseId: c.id }, _count: { _all: true } }),
      db.moderationEvidence.findMany({ where: { targetType: c.targetType, targetId: c.targetId }, select: evidenceSelect, orderBy: { capturedAt: 'asc' }, take: 100 }),
    ]);
    const notes = await db.contentReport.findMany({ where: { caseId: c.id, note: { not: null } }, select: { reason: true, note: true, createdAt: true }, take: 50, orderBy: { createdAt: 'asc' } });
    ctx.body = {
      people: await peopleOf(db, [c.subjectId, target?.authorId, penalty?.memberId]),
      case: presentCase(c),
      target: target && { type: target.type, id: target.id, authorId: target.authorId, status: target.status, text: target.text, link: target.link },
      penalty: penalty && presentPenalty(penalty, true),
      // Reasons and notes, never who reported.
      reports: { byReason: reports.map((r) => ({ reason: r.reason, count: r._count._all })), notes: notes.map((n) => ({ reason: n.reason, note: n.note, createdAt: n.createdAt.toISOString() })) },
      evidence: evidence.map(presentEvidence),
    };
  });

  const decide = { params: s.idParams, body: s.decisionBody };
  router.post('/admin/moderation/cases/:id/decision', ...admin, validate(decide), async (ctx) => {
    const { params, body } = inputOf(ctx, decide);
    const { db, actor } = who(ctx);
    ctx.body = { case: presentCase(await decideCase(deps, db, actor, params.id, body, ctx.ip)) };
  });

  const penalties = { query: s.penaltiesQuery };
  router.get('/admin/moderation/penalties', ...admin, validate(penalties), async (ctx) => {
    const { query } = inputOf(ctx, penalties);
    const rows = await ctx.state.db!.memberPenalty.findMany({
      where: { ...(query.memberId && { memberId: query.memberId }), ...(query.status && { status: query.status }) }, select: penaltySelect, ...pageArgs(query, 'desc'),
    });
    const page = toPage(rows, query, (p) => presentPenalty(p, true));
    ctx.body = { ...page, people: await peopleOf(ctx.state.db!, page.items.map((p) => p.memberId)) };
  });

  const impose = { body: s.penaltyBody };
  router.post('/admin/moderation/penalties', ...admin, validate(impose), async (ctx) => {
    const { db, actor } = who(ctx);
    const penalty = await imposePenalty(db, actor, inputOf(ctx, impose).body, ctx.ip);
    ctx.status = 201;
    ctx.body = { penalty: presentPenalty(penalty, true) };
  });

  const revoke = { params: s.idParams, body: s.revokeBody };
  router.post('/admin/moderation/penalties/:id/revoke', ...admin, validate(revoke), async (ctx) => {
    const { params, body } = inputOf(ctx, revoke);
    const { db, actor } = who(ctx);
    ctx.body = { penalty: presentPenalty(await revokePenalty(db, actor, params.id, body.reason, ctx.ip), true) };
  });

  router.get('/admin/moderation/ip-bans', ...admin, async (ctx) => {
    const rows = await ctx.state.db!.ipBan.findMany({ where: { revokedAt: null }, select: banSelect, orderBy: { createdAt: 'desc' }, take: 500 });
    ctx.body = { items: rows.map(presentIpBan) };
  });

  const ban = { body: s.ipBanBody };
  router.post('/admin/moderation/ip-bans', ...admin, validate(ban), async (ctx) => {
    const { body } = inputOf(ctx, ban);
    const { db, actor } = who(ctx);
    const endsAt = body.days ? new Date(Date.now() + body.days * 86_400_000) : null;
    const row = await db.ipBan.create({ data: { ip: body.ip, reason: body.reason, createdById: actor.memberId, endsAt } as never, select: banSelect });
    await auditAs(ctx, 'moderation.ip_ban.create', 'ip_ban', row.id, { ip: body.ip, reason: body.reason, endsAt: endsAt?.toISOString() ?? null });
    ctx.status = 201;
    ctx.body = { ipBan: presentIpBan(row) };
  });

  router.delete('/admin/moderation/ip-bans/:id', ...admin, validate(one), async (ctx) => {
    const { db } = who(ctx);
    const row = await db.ipBan.findFirst({ where: { id: inputOf(ctx, one).params.id, revokedAt: null }, select: banSelect });
    if (!row) throw errors.notFound('ip ban');
    await db.ipBan.update({ where: { id: row.id }, data: { revokedAt: new Date() }, select: { id: true } });
    await auditAs(ctx, 'moderation.ip_ban.revoke', 'ip_ban', row.id, { ip: row.ip });
    ctx.status = 204;
  });

  const words = { query: s.wordsQuery };
  router.get('/admin/moderation/words', ...admin, validate(words), async (ctx) => {
    const { query } = inputOf(ctx, words);
    const rows = await ctx.state.db!.sensitiveWord.findMany({
      where: query.q ? { word: { contains: query.q.toLowerCase() } } : {}, select: { id: true, word: true, action: true, createdAt: true }, ...pageArgs(query),
    });
    ctx.body = { total: await ctx.state.db!.sensitiveWord.count({}), ...toPage(rows, query, presentWord) };
  });

  const word = { body: s.wordBody };
  router.post('/admin/moderation/words', ...admin, validate(word), async (ctx) => {
    const { body } = inputOf(ctx, word);
    const { db, actor } = who(ctx);
    const text = cleanWord(body.word);
    if (!text) throw errors.validation([{ path: 'body.word', message: '词语不能为空 / The word is empty' }]);
    if (await db.sensitiveWord.findFirst({ where: { word: text }, select: { id: true } })) throw errors.conflict('word_exists', '该词已在列表中 / The word is already listed');
    const row = await db.sensitiveWord.create({ data: { word: text, action: body.action, createdById: actor.memberId } as never, select: { id: true, word: true, action: true, createdAt: true } });
    await auditAs(ctx, 'moderation.word.add', 'sensitive_word', row.id, { word: text, action: body.action });
    ctx.status = 201;
    ctx.body = { word: presentWord(row) };
  });

  router.delete('/admin/moderation/words/:id', ...admin, validate(one), async (ctx) => {
    const { db } = who(ctx);
    const row = await db.sensitiveWord.findFirst({ where: { id: inputOf(ctx, one).params.id }, select: { id: true, word: true } });
    if (!row) throw errors.notFound('word');
    await db.sensitiveWord.delete({ where: { id: row.id } });
    await auditAs(ctx, 'moderation.word.remove', 'sensitive_word', row.id, { word: row.word });
    ctx.status = 204;
  });

  router.post('/admin/moderation/words/import', ...admin, async (ctx) => {
    const { words: parsed, problems } = await parseWordSheet(await readRaw(ctx, IMPORT_LIMIT));
    if (problems.length) throw errors.badRequest('import_invalid', '导入文件有错误，未导入任何词语 / The file has errors; nothing was imported', { problems: problems.slice(0, 100) });
    if (parsed.length === 0) throw errors.badRequest('import_empty', '文件中没有词语 / The file has no words');
    const { db, actor } = who(ctx);
    const added = await addWords(db, actor.memberId, parsed);
    await auditAs(ctx, 'moderation.word.import', 'sensitive_word', undefined, { rows: parsed.length, added });
    ctx.status = 201;
    ctx.body = { rows: parsed.length, added };
  });

  router.get('/admin/moderation/settings', ...admin, async (ctx) => {
    const row = await ctx.state.db!.communitySettings.findFirst({ select: { linkDomains: true } });
    ctx.body = { linkDomains: Array.isArray(row?.linkDomains) ? row!.linkDomains : [] };
  });

  const settings = { body: s.settingsBody };
  router.put('/admin/moderation/settings', ...admin, validate(settings), async (ctx) => {
    const { body } = inputOf(ctx, settings);
    const { db, actor } = who(ctx);
    const bad = body.linkDomains.filter((d) => !normaliseDomain(d));
    if (bad.length) throw errors.validation(bad.map((d) => ({ path: 'body.linkDomains', message: `不是有效的域名 / not a domain: ${d.slice(0, 50)}` })));
    const linkDomains = [...new Set(body.linkDomains.map((d) => normaliseDomain(d)!))];
    await db.communitySettings.upsert({
      where: { tenantId: actor.tenantId }, create: { tenantId: actor.tenantId, linkDomains }, update: { linkDomains }, select: { tenantId: true },
    });
    await auditAs(ctx, 'moderation.settings.update', 'community_settings', actor.tenantId, { linkDomains });
    ctx.body = { linkDomains };
  });

  return router;
}

/**
 * The reviewed list of every route the app registers, for route-inventory.test.ts. A route missing
 * here fails that test: add it with
 *   - tenantIds({ param: entity }, sample?): its path names an enterprise's rows; another enterprise
 *     asking for them must get 404 and change nothing. `sample` is a valid body (and query), so the
 *     probe is refused for the id, not for the input;
 *   - noTenantIds(reason, sample?): its path names no enterprise's row (lists, /me, creating);
 *   - exempt(reason): not an enterprise member's route (public, platform staff, host callbacks).
 * Every route, whatever its entry, also gets the fuzz cases.
 */
import type { EntityKey } from '../../factories/enterprise';

export type Ids = Record<EntityKey, string>;
export interface Sample {
  body?: (ids: Ids) => unknown;
  query?: Record<string, string>;
  /** A raw upload instead of JSON. */
  raw?: { contentType: string; data: Buffer };
}
export type RouteEntry =
  | { kind: 'tenantIds'; params: Record<string, EntityKey>; sample?: Sample }
  | { kind: 'noTenantIds'; reason: string; sample?: Sample }
  | { kind: 'exempt'; reason: string };

const tenantIds = (params: Record<string, EntityKey>, sample?: Sample): RouteEntry => ({ kind: 'tenantIds', params, sample });
const noTenantIds = (reason: string, sample?: Sample): RouteEntry => ({ kind: 'noTenantIds', reason, sample });
const exempt = (reason: string): RouteEntry => ({ kind: 'exempt', reason });
const body = (make: (ids: Ids) => unknown): Sample => ({ body: make });
const fixed = (value: unknown): Sample => ({ body: () => value });

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 7)]);
const upload: Sample = { query: { name: '图.png' }, raw: { contentType: 'application/octet-stream', data: PNG } };
const LIST = 'a list or a create: scoped by the session, names no row';
const ME = 'the signed-in member\'s own data';
const PUBLIC = 'public: no session, no enterprise';
const STAFF = 'platform staff: spans enterprises by design (staff API key)';
const WEB = 'the web app\'s static files';
const DEV = 'development sign-in: loopback only, sandbox only';
const day = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString();

export const ROUTES: Record<string, RouteEntry> = {
  'GET /healthz': exempt(PUBLIC),
  'GET /readyz': exempt(PUBLIC),
  'GET /wecom/suite/callback': exempt('WeCom host callback: signed by the suite token'),
  'POST /wecom/suite/callback': exempt('WeCom host callback: signed by the suite token'),
  'GET /wecom/suite/data': exempt('WeCom host callback: signed by the suite token'),
  'POST /wecom/suite/data': exempt('WeCom host callback: signed by the suite token'),
  'GET /platform/v1/openapi.json': exempt(STAFF),
  'POST /platform/v1/tenants': exempt(STAFF),
  'GET /platform/v1/tenants': exempt(STAFF),
  'GET /platform/v1/tenants/:id': exempt(STAFF),
  'PATCH /platform/v1/tenants/:id': exempt(STAFF),
  'GET /platform/v1/tenants/:id/audit-logs': exempt(STAFF),
  'POST /platform/v1/agreements': exempt(STAFF),
  'GET /platform/v1/agreements': exempt(STAFF),
  'GET /platform/v1/agreements/:id': exempt(STAFF),
  'GET /platform/v1/privacy-requests': exempt(STAFF),
  'GET /platform/v1/privacy-requests/:id': exempt(STAFF),
  'POST /platform/v1/privacy-requests/:id/answer': exempt(STAFF),
  'POST /platform/v1/tenants/:tenantId/members/:memberId/phone': exempt(STAFF),

  'GET /api/v1/me': noTenantIds(ME),
  'DELETE /api/v1/session': noTenantIds(ME),
  'GET /api/v1/members': noTenantIds(LIST),
  'GET /api/v1/members/:id': tenantIds({ id: 'member' }),
  'PUT /api/v1/members/:id/role': tenantIds({ id: 'member' }, fixed({ role: 'admin' })),
  'GET /api/v1/audit-logs': noTenantIds(LIST),
  'GET /api/v1/departments': noTenantIds(LIST),
  'GET /api/v1/departments/:id': tenantIds({ id: 'department' }),
  'GET /api/v1/directory/sync': noTenantIds('the enterprise\'s own sync state'),
  'POST /api/v1/directory/sync': noTenantIds('syncs the session\'s enterprise'),
  'GET /api/v1/jobs/:id': tenantIds({ id: 'job' }),

  'GET /api/v1/spaces': noTenantIds(LIST),
  'POST /api/v1/spaces': noTenantIds(LIST, fixed({ name: '新知识库' })),
  'GET /api/v1/spaces/:id': tenantIds({ id: 'space' }),
  'PATCH /api/v1/spaces/:id': tenantIds({ id: 'space' }, fixed({ name: '改名' })),
  'POST /api/v1/spaces/:id/archive': tenantIds({ id: 'space' }),
  'POST /api/v1/spaces/:id/restore': tenantIds({ id: 'space' }),
  'DELETE /api/v1/spaces/:id': tenantIds({ id: 'space' }),
  'GET /api/v1/spaces/:id/tree': tenantIds({ id: 'space' }),
  'POST /api/v1/spaces/:id/nodes': tenantIds({ id: 'space' }, fixed({ kind: 'document', title: '新文档', body: '正文' })),
  'GET /api/v1/nodes/:id': tenantIds({ id: 'folder' }),
  'PATCH /api/v1/nodes/:id': tenantIds({ id: 'folder' }, fixed({ title: '改名' })),
  'POST /api/v1/nodes/:id/move': tenantIds({ id: 'document' }, body((ids) => ({ spaceId: ids.space, parentId: null }))),
  'POST /api/v1/nodes/:id/copy': tenantIds({ id: 'document' }, body((ids) => ({ spaceId: ids.space, parentId: null }))),
  'POST /api/v1/nodes/:id/archive': tenantIds({ id: 'document' }),
  'POST /api/v1/nodes/:id/restore': tenantIds({ id: 'document' }),
  'DELETE /api/v1/nodes/:id': tenantIds({ id: 'document' }),
  'GET /api/v1/docs/:id': tenantIds({ id: 'document' }),
  'PUT /api/v1/docs/:id': tenantIds({ id: 'document' }, fixed({ title: '改写', body: '改写的正文' })),
  'GET /api/v1/docs/:id/revisions': tenantIds({ id: 'document' }),
  'GET /api/v1/docs/:id/revisions/:number': tenantIds({ id: 'document', number: 'revisionNumber' }),
  'POST /api/v1/docs/:id/revisions/:number/restore': tenantIds({ id: 'document', number: 'revisionNumber' }),
  'GET /api/v1/spaces/:id/permissions': tenantIds({ id: 'space' }),
  'POST /api/v1/spaces/:id/permissions': tenantIds({ id: 'space' }, fixed({ subjectKind: 'enterprise', role: 'viewer' })),
  'DELETE /api/v1/spaces/:id/permissions/:permissionId': tenantIds({ id: 'space', permissionId: 'spacePermission' }),
  'GET /api/v1/nodes/:id/permissions': tenantIds({ id: 'folder' }),
  'POST /api/v1/nodes/:id/permissions': tenantIds({ id: 'folder' }, fixed({ subjectKind: 'enterprise', role: 'viewer' })),
  'DELETE /api/v1/nodes/:id/permissions/:permissionId': tenantIds({ id: 'folder', permissionId: 'nodePermission' }),
  'GET /api/v1/docs/:id/comments': tenantIds({ id: 'document' }),
  'POST /api/v1/docs/:id/comments': tenantIds({ id: 'document' }, fixed({ body: '评论' })),
  'DELETE /api/v1/docs/:id/comments/:commentId': tenantIds({ id: 'document', commentId: 'comment' }),
  'PUT /api/v1/docs/:id/like': tenantIds({ id: 'document' }),
  'DELETE /api/v1/docs/:id/like': tenantIds({ id: 'document' }),
  'GET /api/v1/docs/:id/views': tenantIds({ id: 'document' }),
  'POST /api/v1/docs/:id/attachments': tenantIds({ id: 'document' }, upload),
  'GET /api/v1/docs/:id/attachments': tenantIds({ id: 'document' }),
  'DELETE /api/v1/attachments/:id': tenantIds({ id: 'attachment' }),
  'GET /api/v1/attachments/:id/url': tenantIds({ id: 'attachment' }),
  'GET /api/v1/media/:token': exempt('a signed token, not an id: bound to the member who signed it (attachments.test.ts)'),
  'GET /api/v1/search': noTenantIds(LIST, { query: { q: '手册' } }),
  'POST /api/v1/kb-search/reindex': noTenantIds('reindexes the session\'s enterprise'),
  'POST /api/v1/spaces/:id/import': tenantIds({ id: 'space' }, fixed({ markdown: '# 标题\n\n正文' })),
  'POST /api/v1/spaces/:id/export': tenantIds({ id: 'space' }),
  'POST /api/v1/nodes/:id/export': tenantIds({ id: 'folder' }),
  'GET /api/v1/kb-exports/:id/download': tenantIds({ id: 'kbExportJob' }),
  'GET /api/v1/kb-settings': noTenantIds(ME),
  'PUT /api/v1/kb-settings': noTenantIds(ME, fixed({ classifiedMarkers: ['内部'] })),

  'POST /api/v1/auth/wecom/miniprogram': exempt(PUBLIC),
  'GET /api/v1/auth/wecom/oauth-url': exempt(PUBLIC),
  'POST /api/v1/auth/wecom/oauth': exempt(PUBLIC),
  'POST /api/v1/auth/wecom/admin-sso': exempt(PUBLIC),
  'POST /api/v1/auth/wechat': exempt(PUBLIC),
  'POST /api/v1/auth/sms-code': exempt(PUBLIC),
  'POST /api/v1/auth/sms': exempt(PUBLIC),
  'POST /api/v1/auth/password': exempt(PUBLIC),
  'POST /api/v1/auth/password/reset': exempt(PUBLIC),
  'POST /api/v1/auth/unfreeze': exempt(PUBLIC),
  'POST /api/v1/me/password/code': noTenantIds(ME),
  'PUT /api/v1/me/password': noTenantIds(ME),
  'GET /api/v1/me/logins': noTenantIds(ME),
  'GET /api/v1/members/:id/logins': tenantIds({ id: 'member' }),
  'POST /api/v1/invitations': noTenantIds(LIST, fixed({ phone: '13812345678', name: '讲师' })),
  'GET /api/v1/invitations': noTenantIds(LIST),
  'GET /api/v1/invitations/:id': tenantIds({ id: 'invitation' }),
  'DELETE /api/v1/invitations/:id': tenantIds({ id: 'invitation' }),
  'POST /api/v1/admin/messages': noTenantIds(LIST, body((ids) => ({ memberIds: [ids.member], card: { title: '通知', description: '内容', url: 'https://example.com/' } }))),
  'GET /api/v1/admin/messages': noTenantIds(LIST),
  'GET /api/v1/admin/messages/:id': tenantIds({ id: 'message' }),
  'GET /api/v1/admin/messages/:id/recipients': tenantIds({ id: 'message' }),
  'GET /api/v1/wecom/jssdk-config': noTenantIds(ME, { query: { url: 'https://example.com/app/' } }),

  'GET /api/v1/course-categories': noTenantIds(LIST),
  'POST /api/v1/course-categories': noTenantIds(LIST, fixed({ name: '安全' })),
  'GET /api/v1/courses': noTenantIds(LIST),
  'POST /api/v1/courses': noTenantIds(LIST, fixed({ title: '新课程' })),
  'GET /api/v1/courses/:id': tenantIds({ id: 'course' }),
  'PATCH /api/v1/courses/:id': tenantIds({ id: 'course' }, fixed({ title: '改名' })),
  'POST /api/v1/courses/:id/publish': tenantIds({ id: 'course' }),
  'POST /api/v1/courses/:id/unpublish': tenantIds({ id: 'course' }),
  'POST /api/v1/courses/:id/chapters': tenantIds({ id: 'course' }, fixed({ title: '新章节', kind: 'article', body: '正文', minReadSec: 30 })),
  'GET /api/v1/chapters/:id': tenantIds({ id: 'chapter' }),
  'PATCH /api/v1/chapters/:id': tenantIds({ id: 'chapter' }, fixed({ title: '改名' })),
  'DELETE /api/v1/chapters/:id': tenantIds({ id: 'chapter' }),
  'POST /api/v1/courses/:id/enrol': tenantIds({ id: 'course' }),
  'POST /api/v1/courses/:id/enrolments': tenantIds({ id: 'course' }, body((ids) => ({ memberIds: [ids.member] }))),
  'GET /api/v1/courses/:id/enrolments': tenantIds({ id: 'course' }),
  'PATCH /api/v1/enrolments/:id': tenantIds({ id: 'enrolment' }, fixed({ expiresAt: day(30) })),
  'GET /api/v1/me/enrolments': noTenantIds(ME),
  'POST /api/v1/study-sessions': noTenantIds(LIST, body((ids) => ({ courseId: ids.course }))),
  'DELETE /api/v1/study-sessions/:id': tenantIds({ id: 'studySession' }),
  'POST /api/v1/study-sessions/:id/heartbeats': tenantIds({ id: 'studySession' }, body((ids) => ({ chapterId: ids.chapter, position: 1, state: 'playing', clientSeq: 1 }))),
  'GET /api/v1/courses/:id/progress': tenantIds({ id: 'course' }),
  'GET /api/v1/suspicious-events': noTenantIds(LIST),
  'GET /api/v1/questions': noTenantIds(LIST),
  'GET /api/v1/questions/template': noTenantIds('a blank import template'),
  'GET /api/v1/questions/export': noTenantIds(LIST),
  'POST /api/v1/questions/import': noTenantIds(LIST),
  'POST /api/v1/questions': noTenantIds(LIST, fixed({ type: 'fill', stem: '新题', answer: ['答案'] })),
  'GET /api/v1/questions/:id': tenantIds({ id: 'question' }),
  'PATCH /api/v1/questions/:id': tenantIds({ id: 'question' }, fixed({ stem: '改写' })),
  'GET /api/v1/exams': noTenantIds(LIST),
  'POST /api/v1/exams': noTenantIds(LIST, fixed({ title: '新考试' })),
  'GET /api/v1/exams/:id': tenantIds({ id: 'exam' }),
  'PATCH /api/v1/exams/:id': tenantIds({ id: 'exam' }, fixed({ title: '改名' })),
  'PUT /api/v1/exams/:id/questions': tenantIds({ id: 'exam' }, body((ids) => ({ questions: [{ questionId: ids.question, score: 100 }] }))),
  'POST /api/v1/exams/:id/publish': tenantIds({ id: 'exam' }),
  'POST /api/v1/exams/:id/close': tenantIds({ id: 'exam' }),
  'GET /api/v1/exams/:id/attempts': tenantIds({ id: 'exam' }),
  'POST /api/v1/exams/:id/attempts': tenantIds({ id: 'exam' }),
  'GET /api/v1/attempts/:id': tenantIds({ id: 'attempt' }),
  'PUT /api/v1/attempts/:id/answers': tenantIds({ id: 'attempt' }, body((ids) => ({ answers: [{ questionId: ids.question, answer: ['答案'] }] }))),
  'POST /api/v1/attempts/:id/switch-away': tenantIds({ id: 'attempt' }),
  'POST /api/v1/attempts/:id/submit': tenantIds({ id: 'attempt' }),
  'GET /api/v1/training-policy': noTenantIds(ME),
  'PUT /api/v1/training-policy': noTenantIds(ME, fixed({ annualCreditHours: 10 })),
  'GET /api/v1/me/credits': noTenantIds(ME),
  'GET /api/v1/me/certificates': noTenantIds(ME),
  'GET /api/v1/certificates/:id': tenantIds({ id: 'certificate' }),
  'GET /api/v1/public/certificates/:code': exempt('public certificate check by its verification code, not an id'),
  'POST /api/v1/tasks': noTenantIds(LIST, body((ids) => ({
    title: '任务', startsAt: day(-1), dueAt: day(10), items: [{ kind: 'course', refId: ids.course }], targets: [{ kind: 'member', refId: ids.member }],
  }))),
  'GET /api/v1/tasks': noTenantIds(LIST),
  'GET /api/v1/me/tasks': noTenantIds(ME),
  'GET /api/v1/tasks/:id': tenantIds({ id: 'task' }),
  'PATCH /api/v1/tasks/:id': tenantIds({ id: 'task' }, fixed({ title: '改名' })),
  'DELETE /api/v1/tasks/:id': tenantIds({ id: 'task' }),
  'GET /api/v1/tasks/:id/assignees': tenantIds({ id: 'task' }),
  'POST /api/v1/tasks/:id/documents/:documentId/read': tenantIds({ id: 'task', documentId: 'document' }),
  'GET /api/v1/inbox': noTenantIds(ME),
  'POST /api/v1/inbox/:id/read': tenantIds({ id: 'inboxItem' }),
  'GET /api/v1/agreements/current': exempt('platform-wide agreement versions'),
  'GET /api/v1/agreements/pending': noTenantIds(ME),
  'GET /api/v1/agreements/accepted': noTenantIds(ME),
  'POST /api/v1/agreements/:id/accept': exempt('platform-wide agreement versions: the id is nobody\'s enterprise'),
  'PATCH /api/v1/me': noTenantIds(ME, fixed({ realName: '张三' })),
  'GET /api/v1/me/real-name': noTenantIds(ME),
  'GET /api/v1/me/data-export': noTenantIds(ME),
  'GET /api/v1/me/cancellation': noTenantIds(ME),
  'POST /api/v1/me/cancellation/code': noTenantIds(ME),
  'POST /api/v1/me/cancellation': noTenantIds(ME),
  'POST /api/v1/me/phone/code': noTenantIds(ME),
  'PUT /api/v1/me/phone': noTenantIds(ME),
  'POST /api/v1/me/privacy-requests': noTenantIds(ME, fixed({ kind: 'access', details: '请提供' })),
  'GET /api/v1/me/privacy-requests': noTenantIds(ME),
  'GET /api/v1/me/privacy-requests/:id': tenantIds({ id: 'privacyRequest' }),
  'GET /api/v1/admin/account-policy': noTenantIds(ME),
  'PUT /api/v1/admin/account-policy': noTenantIds(ME, fixed({ inactivityFreezeDays: 365 })),
  'POST /api/v1/members/:id/unfreeze': tenantIds({ id: 'member' }),
  'GET /api/v1/me/records': noTenantIds(ME),
  'GET /api/v1/records/members/:id': tenantIds({ id: 'member' }),
  'GET /api/v1/reports/courses/:id': tenantIds({ id: 'course' }),
  'GET /api/v1/reports/tasks/:id': tenantIds({ id: 'task' }),
  'GET /api/v1/reports/departments/:id': tenantIds({ id: 'department' }),
  'POST /api/v1/reports/refresh': noTenantIds('refreshes the session\'s enterprise'),
  'POST /api/v1/exports': noTenantIds(LIST, fixed({ format: 'records' })),
  'GET /api/v1/exports/:jobId/download': tenantIds({ jobId: 'exportJob' }),

  'GET /dev/sandbox/people': exempt(DEV),
  'GET /dev/sandbox/names': exempt(DEV),
  'POST /dev/sandbox/login-code': exempt(DEV),
  'GET /': exempt(WEB),
  'GET /admin': exempt(WEB),
  'GET /admin/{*rest}': exempt(WEB),
  'GET /app': exempt(WEB),
  'GET /app/{*rest}': exempt(WEB),
};

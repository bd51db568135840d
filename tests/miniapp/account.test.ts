/**
 * The account pages' logic: what the sign-in page does after each refusal, the labels and blocker
 * texts, and "my data" — the server's real export turned into readable Chinese sections with no
 * English key, no id and no UTC time left in what a person reads.
 */
import { addToDepartment, createDepartment, createTenant } from '../factories';
import { bearer, startTestApp, type TestApp } from '../support/test-app';
import { addPhoneMember, newPhone } from '../server/accounts/helpers';
import { lastCode } from '../server/privacy/helpers';
import { ApiError } from '../../miniapp/src/lib/api-error';
import { blockerText, deviceLabel, loginMethodLabel, loginOutcomeLabel, requestKindLabel, requestStatusLabel } from '../../miniapp/src/lib/account-labels';
import { exportSections, exportText, unknownExportParts } from '../../miniapp/src/lib/data-export';
import { isSmsCode, nextStep, normalizePhone, passwordProblem } from '../../miniapp/src/lib/sign-in-flow';

describe('sign-in: the next step after a refusal', () => {
  it('a new device asks for an SMS code (the purpose the server names, new_device by default)', () => {
    expect(nextStep(new ApiError(403, 'device_verification_required', '新设备登录需要短信验证码 / x', { codePurpose: 'new_device' }))).toMatchObject({ kind: 'device', purpose: 'new_device' });
    expect(nextStep(new ApiError(403, 'device_verification_required', 'x'))).toMatchObject({ kind: 'device', purpose: 'new_device' });
    expect(nextStep(new ApiError(403, 'device_verification_required', 'x', { codePurpose: 'login' }))).toMatchObject({ kind: 'device', purpose: 'login' });
  });

  it('several enterprises → a choice by name; frozen → unfreeze; WeChat phone_required → the phone step', () => {
    const tenants = [{ id: 't1', name: '甲公司' }, { id: 't2', name: '乙公司' }];
    expect(nextStep(new ApiError(409, 'tenant_required', 'x', { tenants }))).toEqual({ kind: 'tenant', tenants, message: expect.any(String) });
    expect(nextStep(new ApiError(409, 'tenant_required', '该手机号属于多个企业 / x', {}))).toEqual({ kind: 'error', message: '该手机号属于多个企业' });
    expect(nextStep(new ApiError(403, 'account_frozen', 'x')).kind).toBe('frozen');
    expect(nextStep(new ApiError(401, 'phone_required', 'x', { next: 'phoneCode' })).kind).toBe('wechat-phone');
  });

  it('anything else shows the Chinese half of the server message', () => {
    expect(nextStep(new ApiError(401, 'invalid_credentials', '手机号或密码错误 / Wrong phone number or password'))).toEqual({ kind: 'error', message: '手机号或密码错误' });
    expect(nextStep(new Error('断网了'))).toEqual({ kind: 'error', message: '断网了' });
  });

  it('phone numbers, codes and passwords as the server checks them', () => {
    expect(normalizePhone('+86 138 0013 8000')).toBe('13800138000');
    expect(normalizePhone('8613800138000')).toBe('13800138000');
    expect(normalizePhone('1380013800')).toBeNull();
    expect(normalizePhone('12800138000')).toBeNull();
    expect(isSmsCode(' 012345 ')).toBe(true);
    expect(isSmsCode('12345')).toBe(false);
    expect(passwordProblem('short1')).toBe('密码需 8–64 位');
    expect(passwordProblem('onlyletters')).toBe('密码需同时包含字母和数字');
    expect(passwordProblem('letters123')).toBeNull();
  });
});

describe('account labels', () => {
  it('login methods, outcomes and devices in words', () => {
    expect(loginMethodLabel('sms_code')).toBe('手机号 + 短信验证码');
    expect(loginMethodLabel('something_new')).toBe('其他方式');
    expect(loginOutcomeLabel('success')).toBe('登录成功');
    expect(loginOutcomeLabel('device_unverified')).toBe('新设备未验证');
    expect(deviceLabel('Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 Chrome/120.0 Mobile Safari/537.36')).toBe('Chrome · Android');
    expect(deviceLabel('Mozilla/5.0 (iPhone; CPU iPhone OS 17_0) MicroMessenger/8.0')).toBe('微信 · iOS');
    expect(deviceLabel(null)).toBe('未知设备');
  });

  it('privacy requests and cancellation blockers say what they are and what to do', () => {
    expect(requestKindLabel('withdraw_consent')).toBe('撤回同意');
    expect(requestStatusLabel('open')).toBe('处理中');
    expect(requestStatusLabel('open', true)).toBe('已超期未答复');
    expect(blockerText({ code: 'unfinished_enrolment', courseTitle: '信息安全入门' }, '2027-03-01')).toEqual({
      title: '课程《信息安全入门》尚未学完，有效期至 2027-03-01',
      action: '学完这门课程，或等有效期结束后，即可注销。',
    });
    expect(blockerText({ code: 'last_admin' }).title).toBe('你是本企业唯一的管理员');
    expect(blockerText({ code: 'future_rule', message: '有未结清的事项 / Something is open' }).title).toBe('有未结清的事项');
  });
});

describe('my data: the export as readable sections', () => {
  it('maps a fixture: headings, labelled fields, times in the enterprise zone, titles instead of ids', () => {
    const sections = exportSections({
      exportedAt: '2026-03-01T02:05:00.000Z',
      enterprise: { id: 'ten_1', name: '企学演示企业' },
      profile: { id: 'mem_1', hostUserId: 'zhangsan', name: '张三', phone: '13800138000', status: 'active', role: 'member', lastActiveAt: null, createdAt: '2026-01-01T00:00:00.000Z', departments: [{ departmentId: 'd1', departmentName: '安全部', isLeader: true }] },
      realName: null,
      logins: [{ method: 'sms_code', outcome: 'success', ip: '127.0.0.1', userAgent: null, deviceId: 'd-1', createdAt: '2026-02-28T16:30:00.000Z' }],
      sessions: [], devices: [], agreements: [], privacyRequests: [],
      learning: { enrolments: [{ courseId: 'c1', courseTitle: '信息安全入门', startsAt: '2026-02-01T00:00:00.000Z', expiresAt: '2026-05-01T00:00:00.000Z', chaptersDoneAt: null, completedAt: null }], chapterProgress: [], examAttempts: [], credits: [], certificates: [], taskCompletions: [] },
      notifications: [],
    }, 'Asia/Shanghai');
    const byKey = Object.fromEntries(sections.map((s) => [s.key, s]));
    expect(byKey.about.fields).toEqual([{ label: '导出时间', value: '2026-03-01 10:05' }, { label: '所属企业', value: '企学演示企业' }]);
    expect(byKey.profile.fields).toEqual(expect.arrayContaining([{ label: '姓名', value: '张三' }, { label: '所在部门', value: '安全部（负责人）' }, { label: '账号状态', value: '正常' }]));
    expect(byKey.profile.fields.map((f) => f.label)).not.toContain('最近活跃'); // unknown values are left out, not shown as null
    expect(byKey.realName).toMatchObject({ fields: [], items: [], emptyText: '未填写实名信息' });
    expect(byKey.logins.items).toEqual([{ title: '2026-03-01 00:30', fields: [{ label: '方式', value: '手机号 + 短信验证码' }, { label: '结果', value: '登录成功' }, { label: 'IP 地址', value: '127.0.0.1' }, { label: '设备', value: '未知设备' }] }]);
    expect(byKey.enrolments.items[0]).toMatchObject({ title: '《信息安全入门》', fields: expect.arrayContaining([{ label: '课程完成', value: '未完成' }]) });
    const text = exportText(sections);
    expect(text).toContain('【基本资料】\n姓名：张三');
    for (const hidden of ['mem_1', 'ten_1', 'zhangsan', 'd-1', 'c1', 'T02:05']) expect(text).not.toContain(hidden);
    expect(unknownExportParts({ profile: {}, somethingNew: [], learning: { badges: [] } })).toBe(2);
  });

  describe('against the real server export', () => {
    let t: TestApp;
    beforeAll(async () => (t = await startTestApp()));
    afterAll(() => t.close());

    it('every part of GET /me/data-export is known, and what a person reads has no English key, id or UTC time', async () => {
      const a = await createTenant(t);
      const phone = newPhone();
      const m = await addPhoneMember(t, a.id, phone, { name: '周九' });
      await t.http.post('/api/v1/auth/sms-code').send({ phone, purpose: 'login' }).expect(202);
      const token = (await t.http.post('/api/v1/auth/sms').send({ phone, code: lastCode(phone), deviceId: 'device-my-data-1' }).expect(200)).body.token as string;
      const prisma = t.deps.db.prisma;
      const course = await prisma.course.create({ data: { tenantId: a.id, title: '消防安全' } });
      await prisma.enrolment.create({ data: { tenantId: a.id, courseId: course.id, memberId: m.id, expiresAt: new Date(Date.now() + 86_400_000) } });
      await prisma.creditRecord.create({ data: { tenantId: a.id, memberId: m.id, courseId: course.id, year: 2026, hours: 1.5 } });
      const dept = await createDepartment(t, a.id, undefined, '后勤部');
      await addToDepartment(t, a.id, dept.id, m.id);
      await t.http.post('/api/v1/me/privacy-requests').set(bearer(token)).send({ kind: 'correction', details: '我的部门有误' }).expect(201);

      const data = (await t.http.get('/api/v1/me/data-export').set(bearer(token)).expect(200)).body;
      expect(unknownExportParts(data)).toBe(0);
      const sections = exportSections(data, 'Asia/Shanghai');
      const text = exportText(sections);
      expect(text).toContain('姓名：周九');
      expect(text).toContain('所在部门：后勤部');
      expect(text).toContain('· 《消防安全》');
      expect(text).toContain('学时：1.5 学时');
      expect(text).toContain('· 更正我的个人信息');
      expect(text).toContain('方式：手机号 + 短信验证码');
      const readable = sections.flatMap((s) => [s.title, ...s.fields.flatMap((f) => [f.label, f.value]), ...s.items.flatMap((i) => [i.title, ...i.fields.flatMap((f) => [f.label, f.value])])]);
      for (const v of readable) {
        expect(v).not.toMatch(/\d{4}-\d{2}-\d{2}T/); // no ISO/UTC instants
        expect(v).not.toMatch(/^[a-z]+[A-Z_][A-Za-z_]*$/); // no camelCase / snake_case keys
      }
      for (const id of [m.id, a.id, course.id, dept.id, 'device-my-data-1']) expect(text).not.toContain(id);
    });
  });
});

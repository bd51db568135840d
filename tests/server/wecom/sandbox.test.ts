/**
 * The sandbox is only useful if it behaves like the host: these tests call its host API over HTTP
 * the way Qixue's client does and check the rules that bite — privacy, visible range, case-sensitive
 * ciphertext ids, error codes and messages, one-time codes, rate limits, uninstall.
 */
import supertest from 'supertest';
import { startSandbox, type Sandbox } from '../../../server/sandbox/app';
import { createCorp, install, uninstall } from '../../../server/sandbox/corps';
import type { Corp } from '../../../server/sandbox/state';

let sandbox: Sandbox;
let host: supertest.Agent;
beforeAll(async () => {
  sandbox = await startSandbox();
  host = supertest.agent(sandbox.url);
});
afterAll(() => sandbox.close());

/** A corp with the suite installed for one branch only, and a corp token for it. */
async function installedBranch(): Promise<{ corp: Corp; token: string; inside: number; outside: number }> {
  const corp = createCorp(sandbox.state, { departments: 6, members: 30 });
  const children = [...corp.depts.values()].filter((d) => d.parentid === 1);
  const inside = children[0].id;
  const { authCode } = await install(sandbox.state, corp, { allow_party: [inside] });
  const suiteToken = sandbox.state.issueToken('suite').token;
  const res = await host.post(`/cgi-bin/service/get_permanent_code?suite_access_token=${suiteToken}`).send({ auth_code: authCode }).expect(200);
  expect(res.body.errcode).toBe(0);
  const visible = sandbox.state.visibleDepts(corp);
  const outside = [...corp.depts.keys()].find((d) => !visible.has(d))!;
  return { corp, token: res.body.access_token, inside, outside };
}

const NAME_FIELDS = ['name', 'mobile', 'email', 'avatar', 'alias', 'telephone', 'biz_mail', 'address'];
function expectNoPersonalFields(value: unknown): void {
  if (Array.isArray(value)) return value.forEach(expectNoPersonalFields);
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      expect(NAME_FIELDS).not.toContain(k);
      expectNoPersonalFields(v);
    }
  }
}

describe('sandbox host API', () => {
  it('answers only inside the visible range (60011 outside) and never returns names or contact fields', async () => {
    const { corp, token, inside, outside } = await installedBranch();
    const list = await host.get(`/cgi-bin/user/list?access_token=${token}&department_id=${inside}`).expect(200);
    expect(list.body.errcode).toBe(0);
    expect(list.body.userlist.length).toBeGreaterThan(0);
    expectNoPersonalFields(list.body);
    const user = list.body.userlist[0];
    expect(user.userid).not.toBe(user.userid.toLowerCase());
    expect(user.open_userid).toMatch(/^wo/);
    const depts = await host.get(`/cgi-bin/department/list?access_token=${token}`).expect(200);
    expectNoPersonalFields(depts.body);
    expect(depts.body.department.map((d: { id: number }) => d.id)).toContain(inside);
    expect(depts.body.department.map((d: { id: number }) => d.id)).not.toContain(outside);

    expect((await host.get(`/cgi-bin/user/list?access_token=${token}&department_id=${outside}`)).body.errcode).toBe(60011);
    expect((await host.get(`/cgi-bin/department/get?access_token=${token}&id=${outside}`)).body.errcode).toBe(60011);
    const stranger = [...corp.users.values()].find((u) => !sandbox.state.userVisible(corp, u))!;
    expect((await host.get(`/cgi-bin/user/get?access_token=${token}&userid=${stranger.userid}`)).body.errcode).toBe(60011);
    // Ids are case-sensitive ciphertext: lower-cased, it names no one.
    expect((await host.get(`/cgi-bin/user/get?access_token=${token}&userid=${user.userid.toLowerCase()}`)).body.errcode).toBe(60111);
    expect((await host.get(`/cgi-bin/department/get?access_token=${token}&id=99999`)).body.errcode).toBe(60123);
  });

  it('token errors: missing 41001, unknown 40014, expired by the clock 42001; same token while valid', async () => {
    const { token, inside } = await installedBranch();
    expect((await host.get(`/cgi-bin/user/list?department_id=${inside}`)).body.errcode).toBe(41001);
    const unknown = await host.get(`/cgi-bin/user/list?access_token=nope&department_id=${inside}`);
    expect(unknown.body).toMatchObject({ errcode: 40014 });
    expect(unknown.body.errmsg).toMatch(/^invalid access_token, hint: \[.+\], from ip: .+, more info at https:\/\/open\.work\.weixin\.qq\.com\/devtool\/query\?e=40014$/);
    const suite = sandbox.state.issueToken('suite');
    expect(sandbox.state.issueToken('suite').token).toBe(suite.token);
    sandbox.state.advanceClock(7201);
    try {
      expect((await host.get(`/cgi-bin/user/list?access_token=${token}&department_id=${inside}`)).body.errcode).toBe(42001);
      expect((await host.get(`/cgi-bin/service/get_pre_auth_code?suite_access_token=${suite.token}`)).body.errcode).toBe(42009);
    } finally {
      sandbox.state.advanceClock(-7201);
    }
  });

  it('an auth code works once (40078 again); the suite token needs a fresh suite_ticket (40085)', async () => {
    const corp = createCorp(sandbox.state, { departments: 1, members: 3 });
    const { authCode } = await install(sandbox.state, corp);
    const suiteToken = sandbox.state.issueToken('suite').token;
    const url = `/cgi-bin/service/get_permanent_code?suite_access_token=${suiteToken}`;
    expect((await host.post(url).send({ auth_code: authCode })).body.errcode).toBe(0);
    expect((await host.post(url).send({ auth_code: authCode })).body.errcode).toBe(40078);
    const { suiteId, suiteSecret } = sandbox.state.suite;
    expect((await host.post('/cgi-bin/service/get_suite_token').send({ suite_id: suiteId, suite_secret: suiteSecret, suite_ticket: 'stale' })).body.errcode).toBe(40085);
    expect((await host.post('/cgi-bin/service/get_suite_token').send('{not json')).body.errcode).toBe(47001);
  });

  it('caps calls per corp per minute (45009) and injects errors on demand', async () => {
    const { corp, token, inside } = await installedBranch();
    sandbox.state.corpCallsPerMinute = 3;
    try {
      const codes = [];
      for (let i = 0; i < 5; i++) codes.push((await host.get(`/cgi-bin/user/list?access_token=${token}&department_id=${inside}`)).body.errcode);
      expect(codes).toEqual([0, 0, 0, 45009, 45009]);
      sandbox.state.advanceClock(61);
      expect((await host.get(`/cgi-bin/user/list?access_token=${token}&department_id=${inside}`)).body.errcode).toBe(0);
    } finally {
      sandbox.state.corpCallsPerMinute = 10_000;
    }
    await host.post('/sandbox/inject').send({ errcode: -1, path: 'user/list', corpid: corp.corpid, times: 1 }).expect(200);
    expect((await host.get(`/cgi-bin/user/list?access_token=${token}&department_id=${inside}`)).body.errcode).toBe(-1);
    expect((await host.get(`/cgi-bin/user/list?access_token=${token}&department_id=${inside}`)).body.errcode).toBe(0);
  });

  it('after uninstall the corp token and the permanent code stop working', async () => {
    const { corp, token, inside } = await installedBranch();
    const permanentCode = corp.auth!.permanentCode;
    await uninstall(sandbox.state, corp);
    expect((await host.get(`/cgi-bin/user/list?access_token=${token}&department_id=${inside}`)).body.errcode).toBe(40014);
    const suiteToken = sandbox.state.issueToken('suite').token;
    const res = await host.post(`/cgi-bin/service/get_corp_token?suite_access_token=${suiteToken}`).send({ auth_corpid: corp.corpid, permanent_code: permanentCode });
    expect(res.body.errcode).toBe(40084);
  });

  it('generates the same corp from the same seed', () => {
    const a = createCorp(sandbox.state, { corpid: 'wwseedA', departments: 20, members: 100, seed: 77 });
    const b = createCorp(sandbox.state, { corpid: 'wwseedA2', departments: 20, members: 100, seed: 77 });
    const shape = (c: Corp) => [...c.depts.values()].map((d) => [d.id, d.parentid]).concat([...c.users.values()].map((u) => [u.internalId, u.department.join(',')]) as never);
    expect(shape(a)).toEqual(shape(b));
  });
});

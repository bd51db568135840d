/**
 * Building corps and changing their directory — what the development endpoints and the demo use.
 * Every change a member of the corp would make in WeCom pushes the same change_contact callback
 * the host sends to an installed suite; install/uninstall push create_auth/cancel_auth.
 */
import { createHash } from 'node:crypto';
import { pushCallback } from './push';
import { derivedId, prng, type Corp, type Dept, type Privilege, type SandboxState, type User } from './state';
import { departmentName } from './names';

export interface CorpSpec {
  corpid?: string;
  name?: string;
  /** departments besides the root */
  departments?: number;
  members?: number;
  admins?: number;
  seed?: number;
}

export function createCorp(state: SandboxState, spec: CorpSpec = {}): Corp {
  const seed = spec.seed ?? state.corps.size + 1;
  const name = spec.name ?? `沙箱企业${seed}`;
  const corpid = spec.corpid ?? derivedId('ww', 16, 'corp', name, String(seed), String(state.corps.size));
  if (state.corps.has(corpid)) throw new Error(`corp ${corpid} exists`);
  // The same seed gives the same directory, whatever the corp id.
  const random = prng(spec.seed ?? seed * 7919 + hash(corpid));
  const corp: Corp = { corpid, name, depts: new Map(), users: new Map(), byExternalId: new Map(), tags: new Map(), admins: [], nextDeptId: 2, nextUser: 0, version: 0 };
  corp.depts.set(1, { id: 1, parentid: 0, order: 100000000, name });
  const deptCount = spec.departments ?? 5;
  // Parents drawn from the departments made so far that are less than four levels deep.
  const depth = new Map<number, number>([[1, 0]]);
  const parents = [1];
  for (let i = 0; i < deptCount; i++) {
    const parentid = parents[Math.floor(random() * parents.length)];
    const dept = addDept(corp, parentid, departmentName(corp.nextDeptId), Math.floor(random() * 1000));
    depth.set(dept.id, depth.get(parentid)! + 1);
    if (depth.get(dept.id)! < 4) parents.push(dept.id);
  }
  const deptIds = [...corp.depts.keys()];
  const members = spec.members ?? 20;
  const leaders = new Set<number>();
  for (let i = 0; i < members; i++) {
    const main = deptIds[i < deptIds.length ? i : Math.floor(random() * deptIds.length)];
    const department = [main];
    if (random() < 0.05 && deptIds.length > 1) {
      const other = deptIds[Math.floor(random() * deptIds.length)];
      if (other !== main) department.push(other);
    }
    const isLeaderInDept = department.map((d) => (leaders.has(d) ? 0 : (leaders.add(d), 1)));
    state.addUser(corp, { department, isLeaderInDept });
  }
  const adminCount = Math.min(spec.admins ?? 1, corp.users.size);
  corp.admins = [...corp.users.keys()].slice(0, adminCount);
  state.corps.set(corpid, corp);
  return corp;
}

export function addDept(corp: Corp, parentid: number, name?: string, order = 0): Dept {
  const id = corp.nextDeptId++;
  const dept = { id, parentid, order, name: name ?? departmentName(id) };
  corp.depts.set(id, dept);
  return dept;
}

const hash = (s: string) => createHash('sha1').update(s).digest().readUInt32BE(0) % 100000;

// ── install / uninstall ─────────────────────────────────────────────────────────────────

export interface InstallOptions {
  /** Department ids, member ids (internal or as the app sees them) and tag ids the app may see. */
  allow_party?: number[];
  allow_user?: string[];
  allow_tag?: number[];
  /** Who installs: defaults to the corp's first admin. */
  installer?: string;
  state?: string;
}

/** An admin of the corp installs the suite: an auth code, pushed as create_auth. */
export async function install(state: SandboxState, corp: Corp, options: InstallOptions = {}) {
  const installer = options.installer ? state.user(corp, options.installer) : state.user(corp, corp.admins[0]);
  if (!installer) throw new Error('no installer');
  const privilege: Privilege = {
    level: 1,
    allow_party: options.allow_party ?? (options.allow_user || options.allow_tag ? [] : [1]),
    allow_user: (options.allow_user ?? []).map((id) => state.user(corp, id)?.internalId ?? id),
    allow_tag: options.allow_tag ?? [],
    extra_party: [],
    extra_user: [],
    extra_tag: [],
  };
  const authCode = state.newCode();
  state.authCodes.set(authCode, { corpid: corp.corpid, expiresAt: state.now() + 600_000, used: false, privilege, installer: installer.internalId, state: options.state ?? '' });
  const callback = await pushCallback(state, 'instruction', {
    SuiteId: state.suite.suiteId,
    AuthCode: authCode,
    InfoType: 'create_auth',
    TimeStamp: seconds(state),
    State: options.state ?? '',
  });
  return { authCode, callback };
}

/** The corp removes the app: its tokens and permanent code stop working; cancel_auth is pushed. */
export async function uninstall(state: SandboxState, corp: Corp) {
  if (corp.auth) corp.auth.active = false;
  for (const [token, issued] of state.tokens) if (issued.corpid === corp.corpid) state.tokens.delete(token);
  return pushCallback(state, 'instruction', { SuiteId: state.suite.suiteId, InfoType: 'cancel_auth', TimeStamp: seconds(state), AuthCorpId: corp.corpid });
}

/** The admin changes the app's visible range; change_auth is pushed. */
export async function changeAuth(state: SandboxState, corp: Corp, range: Pick<InstallOptions, 'allow_party' | 'allow_user' | 'allow_tag'>) {
  if (!corp.auth?.active) throw new Error('not installed');
  const p = corp.auth.privilege;
  if (range.allow_party) p.allow_party = range.allow_party;
  if (range.allow_user) p.allow_user = range.allow_user.map((id) => state.user(corp, id)?.internalId ?? id);
  if (range.allow_tag) p.allow_tag = range.allow_tag;
  return pushCallback(state, 'instruction', { SuiteId: state.suite.suiteId, InfoType: 'change_auth', TimeStamp: seconds(state), AuthCorpId: corp.corpid, State: '' });
}

// ── directory changes → change_contact ──────────────────────────────────────────────────

const seconds = (state: SandboxState) => Math.floor(state.now() / 1000);

function contactEvent(state: SandboxState, corp: Corp, changeType: string, fields: Record<string, string | number>) {
  if (!corp.auth?.active) return Promise.resolve(null);
  return pushCallback(state, 'instruction', {
    SuiteId: state.suite.suiteId,
    AuthCorpId: corp.corpid,
    InfoType: 'change_contact',
    TimeStamp: seconds(state),
    ChangeType: changeType,
    ...fields,
  });
}

function userFields(user: User): Record<string, string | number> {
  return {
    UserID: user.userid,
    OpenUserID: user.openUserid,
    Department: user.department.join(','),
    MainDepartment: user.mainDepartment,
    IsLeaderInDept: user.isLeaderInDept.join(','),
    Status: user.status,
  };
}

export async function createUser(state: SandboxState, corp: Corp, input: { department: number[]; isLeaderInDept?: number[]; name?: string }) {
  for (const d of input.department) if (!corp.depts.has(d)) throw new Error(`no department ${d}`);
  const user = state.addUser(corp, input);
  const callback = await contactEvent(state, corp, 'create_user', userFields(user));
  return { user, callback };
}

export async function updateUser(state: SandboxState, corp: Corp, user: User, change: { department?: number[]; isLeaderInDept?: number[]; status?: User['status'] }) {
  if (change.department) {
    for (const d of change.department) if (!corp.depts.has(d)) throw new Error(`no department ${d}`);
    user.department = [...change.department];
    user.order = change.department.map(() => 0);
    user.isLeaderInDept = change.isLeaderInDept ?? change.department.map(() => 0);
    if (!user.department.includes(user.mainDepartment)) user.mainDepartment = user.department[0] ?? 1;
  } else if (change.isLeaderInDept) {
    user.isLeaderInDept = change.isLeaderInDept;
  }
  if (change.status) user.status = change.status;
  corp.version++;
  return contactEvent(state, corp, 'update_user', userFields(user));
}

export async function deleteUser(state: SandboxState, corp: Corp, user: User) {
  state.removeUser(corp, user);
  return contactEvent(state, corp, 'delete_user', { UserID: user.userid, OpenUserID: user.openUserid });
}

export async function createDepartment(state: SandboxState, corp: Corp, input: { parentid: number; name?: string; order?: number }) {
  if (!corp.depts.has(input.parentid)) throw new Error(`no department ${input.parentid}`);
  const dept = addDept(corp, input.parentid, input.name, input.order ?? 0);
  // Third-party apps are not told department names.
  const callback = await contactEvent(state, corp, 'create_party', { Id: dept.id, ParentId: dept.parentid, Order: dept.order });
  return { dept, callback };
}

export async function updateDepartment(state: SandboxState, corp: Corp, dept: Dept, change: { parentid?: number; order?: number; name?: string }) {
  if (change.parentid !== undefined) {
    if (!corp.depts.has(change.parentid)) throw new Error(`no department ${change.parentid}`);
    // A department cannot move under itself or its own subtree.
    for (let p = change.parentid; p; p = corp.depts.get(p)?.parentid ?? 0) if (p === dept.id) throw new Error('cycle');
    dept.parentid = change.parentid;
  }
  if (change.order !== undefined) dept.order = change.order;
  if (change.name !== undefined) dept.name = change.name;
  return contactEvent(state, corp, 'update_party', { Id: dept.id, ParentId: dept.parentid });
}

export async function deleteDepartment(state: SandboxState, corp: Corp, dept: Dept) {
  if ([...corp.users.values()].some((u) => u.department.includes(dept.id))) throw new Error('60005 department contains members');
  if ([...corp.depts.values()].some((d) => d.parentid === dept.id)) throw new Error('60006 department contains sub-departments');
  corp.depts.delete(dept.id);
  return contactEvent(state, corp, 'delete_party', { Id: dept.id });
}

export async function updateTag(state: SandboxState, corp: Corp, tagid: number, change: { addUsers?: string[]; delUsers?: string[]; addParties?: number[]; delParties?: number[]; tagname?: string }) {
  let tag = corp.tags.get(tagid);
  if (!tag) {
    tag = { tagid, tagname: change.tagname ?? `标签${tagid}`, users: new Set(), parties: new Set() };
    corp.tags.set(tagid, tag);
  }
  const add = (change.addUsers ?? []).map((id) => state.user(corp, id)!).filter(Boolean);
  const del = (change.delUsers ?? []).map((id) => state.user(corp, id)!).filter(Boolean);
  for (const u of add) tag.users.add(u.internalId);
  for (const u of del) tag.users.delete(u.internalId);
  for (const p of change.addParties ?? []) tag.parties.add(p);
  for (const p of change.delParties ?? []) tag.parties.delete(p);
  return contactEvent(state, corp, 'update_tag', {
    TagId: tagid,
    AddUserItems: add.map((u) => u.userid).join(','),
    DelUserItems: del.map((u) => u.userid).join(','),
    AddPartyItems: (change.addParties ?? []).join(','),
    DelPartyItems: (change.delParties ?? []).join(','),
  });
}

/** The corp changes the app's admins: pushed to the data callback as change_app_admin. */
export async function setAdmins(state: SandboxState, corp: Corp, ids: string[]) {
  corp.admins = ids.map((id) => state.user(corp, id)?.internalId).filter((id): id is string => Boolean(id));
  if (!corp.auth?.active) return null;
  return pushCallback(
    state,
    'data',
    { ToUserName: corp.corpid, FromUserName: 'sys', CreateTime: seconds(state), MsgType: 'event', Event: 'change_app_admin', AgentID: corp.auth.agentid },
    { corpid: corp.corpid, agentId: corp.auth.agentid },
  );
}

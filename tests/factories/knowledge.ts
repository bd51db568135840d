/** Knowledge-base factories: spaces, nodes and grants made through the API, as a client would. */
import { bearer, type TestApp } from '../support/test-app';

export interface KbGrant {
  subjectKind: 'member' | 'department' | 'enterprise';
  subjectId?: string;
  role: 'viewer' | 'editor' | 'manager';
}

async function ok<T>(res: { status: number; body: T }, expected: number[], what: string): Promise<T> {
  if (!expected.includes(res.status)) throw new Error(`${what} answered ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export async function createSpace(t: TestApp, adminToken: string, name = '制度知识库'): Promise<{ id: string; name: string }> {
  const body = await ok(await t.http.post('/api/v1/spaces').set(bearer(adminToken)).send({ name }), [201], 'create space');
  return (body as { space: { id: string; name: string } }).space;
}

export async function createKbNode(
  t: TestApp,
  token: string,
  spaceId: string,
  input: { kind?: 'folder' | 'document'; title: string; body?: string; parentId?: string | null },
): Promise<{ id: string; spaceId: string; parentId: string | null; kind: string; title: string; revision: number }> {
  const res = await t.http.post(`/api/v1/spaces/${spaceId}/nodes`).set(bearer(token)).send({ kind: 'document', ...input });
  return ((await ok(res, [201], 'create node')) as { node: never }).node;
}

export const createFolder = (t: TestApp, token: string, spaceId: string, title: string, parentId?: string) =>
  createKbNode(t, token, spaceId, { kind: 'folder', title, parentId });

export async function grantKb(t: TestApp, token: string, target: { space?: string; node?: string }, grant: KbGrant): Promise<{ id: string }> {
  const url = target.space ? `/api/v1/spaces/${target.space}/permissions` : `/api/v1/nodes/${target.node}/permissions`;
  const body = await ok(await t.http.post(url).set(bearer(token)).send(grant), [200, 201], 'grant');
  return (body as { permission: { id: string } }).permission;
}

export async function breakInheritance(t: TestApp, token: string, nodeId: string): Promise<void> {
  await ok(await t.http.patch(`/api/v1/nodes/${nodeId}`).set(bearer(token)).send({ inheritPermissions: false }), [200], 'break inheritance');
}

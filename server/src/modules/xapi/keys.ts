/**
 * Index keys: agents, activities and verbs are matched by 32-character hashes of their canonical
 * form, so any IRI or account fits one indexed column of either database.
 */
import { createHash } from 'node:crypto';

type Json = Record<string, unknown>;

const KEY_CACHE_SIZE = 20_000;
/** Recent keys: a store sees the same verbs, activities and agents over and over, and a hash costs more than a lookup. */
const recent = new Map<string, string>();

function key(kind: string, value: string): string {
  const canonical = `${kind}\0${value}`;
  let hashed = recent.get(canonical);
  if (hashed === undefined) {
    hashed = createHash('sha256').update(canonical).digest('hex').slice(0, 32);
    if (recent.size >= KEY_CACHE_SIZE) recent.clear();
    recent.set(canonical, hashed);
  }
  return hashed;
}

/** The inverse functional identifier of an agent or identified group, as one string (null for an anonymous group). */
export function agentIfi(agent: Json): string | null {
  if (typeof agent.mbox === 'string') return `mbox:${agent.mbox.toLowerCase()}`;
  if (typeof agent.mbox_sha1sum === 'string') return `sha1:${agent.mbox_sha1sum.toLowerCase()}`;
  if (typeof agent.openid === 'string') return `openid:${agent.openid}`;
  const account = agent.account as Json | undefined;
  if (account && typeof account === 'object') return `account:${String(account.homePage)}\0${String(account.name)}`;
  return null;
}

export const agentKey = (ifi: string) => key('agent', ifi);
export const activityKey = (id: string) => key('activity', id);
export const verbKey = (id: string) => key('verb', id);
export const documentKey = (id: string) => key('document', id);

/** The scope of a document: which resource, and its activity and/or agent. */
export function scopeKey(resource: 'state' | 'activityProfile' | 'agentProfile', activityId: string | null, ifi: string | null): string {
  return key(resource, `${activityId ?? ''}\0${ifi ?? ''}`);
}

/**
 * Statements as a GET asked for them (`format`): exact as stored; `ids` with agents, groups,
 * activities and verbs reduced to their identifiers; `canonical` with every language map reduced
 * to the language the client prefers (Accept-Language).
 */
type Json = Record<string, unknown>;
export type StatementFormat = 'exact' | 'ids' | 'canonical';

const IFI_KEYS = ['mbox', 'mbox_sha1sum', 'openid', 'account'];

function idsOfAgent(a: Json): Json {
  const out: Json = {};
  if (a.objectType) out.objectType = a.objectType;
  for (const k of IFI_KEYS) if (a[k] !== undefined) out[k] = a[k];
  // An anonymous group has no identifier: its members stand for it.
  if (a.objectType === 'Group' && !IFI_KEYS.some((k) => a[k] !== undefined) && Array.isArray(a.member)) out.member = a.member.map((m) => idsOfAgent(m as Json));
  return out;
}

function idsOfStatement(s: Json): Json {
  const out: Json = { ...s };
  if (s.actor) out.actor = idsOfAgent(s.actor as Json);
  if (s.authority) out.authority = idsOfAgent(s.authority as Json);
  if (s.verb) out.verb = { id: (s.verb as Json).id };
  const object = s.object as Json | undefined;
  if (object) {
    if (object.objectType === 'Agent' || object.objectType === 'Group') out.object = idsOfAgent(object);
    else if (object.objectType === 'SubStatement') out.object = idsOfStatement(object);
    else if (object.objectType === undefined || object.objectType === 'Activity') out.object = { id: object.id };
  }
  const context = s.context as Json | undefined;
  if (context) {
    const c: Json = { ...context };
    if (context.instructor) c.instructor = idsOfAgent(context.instructor as Json);
    if (context.team) c.team = idsOfAgent(context.team as Json);
    if (Array.isArray(context.contextAgents)) c.contextAgents = context.contextAgents.map((ca: Json) => ({ ...ca, agent: idsOfAgent(ca.agent as Json) }));
    if (Array.isArray(context.contextGroups)) c.contextGroups = context.contextGroups.map((cg: Json) => ({ ...cg, group: idsOfAgent(cg.group as Json) }));
    const activities = context.contextActivities as Json | undefined;
    if (activities) {
      c.contextActivities = Object.fromEntries(
        Object.entries(activities).map(([k, list]) => [k, (Array.isArray(list) ? list : [list]).map((a: Json) => ({ id: a.id }))]),
      );
    }
    out.context = c;
  }
  return out;
}

const LANGUAGE_MAP_KEYS = new Set(['display', 'name', 'description']);

/** Picks one entry of each language map: the first preferred language present, else the first entry. */
function canonical(v: unknown, languages: string[], key = ''): unknown {
  if (Array.isArray(v)) return v.map((x) => canonical(x, languages));
  if (!v || typeof v !== 'object') return v;
  const o = v as Json;
  if (LANGUAGE_MAP_KEYS.has(key) && Object.values(o).every((x) => typeof x === 'string')) {
    const tags = Object.keys(o);
    const pick = languages.map((l) => tags.find((t) => t.toLowerCase() === l) ?? tags.find((t) => t.toLowerCase().split('-')[0] === l.split('-')[0])).find(Boolean) ?? tags[0];
    return pick === undefined ? {} : { [pick]: o[pick] };
  }
  // Extensions are the client's own JSON: leave them as they are.
  return Object.fromEntries(Object.entries(o).map(([k, x]) => [k, k === 'extensions' ? x : canonical(x, languages, k)]));
}

/** Languages from an Accept-Language header, most preferred first, lower case. */
export function acceptedLanguages(header: string): string[] {
  return header
    .split(',')
    .map((part) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([\d.]+)/.exec(p)?.[1]).find(Boolean);
      return { tag: (tag ?? '').toLowerCase(), q: q === undefined ? 1 : Number(q) };
    })
    .filter((l) => l.tag && l.tag !== '*')
    .sort((a, b) => b.q - a.q)
    .map((l) => l.tag);
}

export function presentStatement(s: Json, format: StatementFormat, languages: string[]): Json {
  if (format === 'ids') return idsOfStatement(s);
  if (format === 'canonical') return canonical(s, languages) as Json;
  return s;
}

/** The Agents resource: a Person object combining what the store knows of an agent (its identifiers). */
export function personOf(agent: Json): Json {
  const person: Json = { objectType: 'Person' };
  if (typeof agent.name === 'string') person.name = [agent.name];
  for (const k of IFI_KEYS) if (agent[k] !== undefined) person[k] = [agent[k]];
  return person;
}

export function presentCredential(c: { id: string; name: string; key: string; createdAt: Date; revokedAt: Date | null }) {
  return { id: c.id, name: c.name, key: c.key, createdAt: c.createdAt.toISOString(), revokedAt: c.revokedAt?.toISOString() ?? null };
}

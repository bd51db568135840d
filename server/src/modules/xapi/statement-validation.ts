/**
 * Statement validation by the rules of xAPI 2.0 (IEEE 9274.1.1, Data section): shapes, exactly one
 * identifier per agent, IRIs, language maps, UUIDs, RFC 3339 timestamps, ISO 8601 durations,
 * scores, interaction components. Every statement object is closed: an unknown property is an
 * error. Written out rather than as a zod schema because most rules depend on a sibling
 * (objectType decides the shape, interactionType the components, the object the context).
 */
import { errors } from '../../core/errors';

type Json = Record<string, unknown>;

export class StatementInvalid extends Error {}

const fail = (path: string, problem: string): never => {
  throw new StatementInvalid(`${path}: ${problem}`);
};

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
const IRI = /^[a-z][a-z0-9+.-]*:\S+$/i;
const MAILTO = /^mailto:[^@\s:]+@[^@\s]+\.[^@\s]+$/i;
const SHA1 = /^[0-9a-f]{40}$/i;
const LANGUAGE_TAG = /^(?:[a-z]{2,3}(?:-[a-z]{3}){0,3}|[a-z]{4,8})(?:-[a-z]{4})?(?:-(?:[a-z]{2}|\d{3}))?(?:-(?:[a-z0-9]{5,8}|\d[a-z0-9]{3}))*(?:-[0-9a-wy-z](?:-[a-z0-9]{2,8})+)*(?:-x(?:-[a-z0-9]{1,8})+)?$|^x(?:-[a-z0-9]{1,8})+$|^i-[a-z]+$/i;
/** RFC 3339 date-time (xAPI 2.0 accepts it in place of strict ISO 8601). */
export const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;
const DURATION = /^P(?:(?=\d|T\d)(?:\d+Y)?(?:\d+M)?(?:\d+D)?(?:T(?=\d)(?:\d+H)?(?:\d+M)?(?:\d+(?:\.\d+)?S)?)?|\d+W)$/;
const MEDIA_TYPE = /^[\w.+-]+\/[\w.+-]+(?:\s*;.*)?$/;
const SHA2 = /^[0-9a-f]{56,128}$/i;

const INTERACTION_COMPONENTS: Record<string, string[]> = {
  'true-false': [], choice: ['choices'], 'fill-in': [], 'long-fill-in': [], matching: ['source', 'target'], performance: ['steps'],
  sequencing: ['choices'], likert: ['scale'], numeric: [], other: [],
};
const COMPONENT_LISTS = ['choices', 'scale', 'source', 'target', 'steps'];

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function object(v: unknown, path: string, allowed: string[]): Json {
  if (!isObject(v)) fail(path, 'must be an object');
  for (const k of Object.keys(v as Json)) if (!allowed.includes(k)) fail(`${path}.${k}`, 'is not allowed here');
  return v as Json;
}

function string(v: unknown, path: string): string {
  if (typeof v !== 'string') fail(path, 'must be a string');
  return v as string;
}

function iri(v: unknown, path: string): string {
  if (!IRI.test(string(v, path))) fail(path, 'must be an IRI with a scheme');
  return v as string;
}

function bool(v: unknown, path: string): void {
  if (typeof v !== 'boolean') fail(path, 'must be true or false');
}

function languageMap(v: unknown, path: string): void {
  if (!isObject(v)) fail(path, 'must be a language map');
  for (const [tag, text] of Object.entries(v as Json)) {
    if (!LANGUAGE_TAG.test(tag)) fail(`${path}.${tag}`, 'is not an RFC 5646 language tag');
    string(text, `${path}.${tag}`);
  }
}

function extensions(v: unknown, path: string): void {
  if (!isObject(v)) fail(path, 'must be an object');
  for (const k of Object.keys(v as Json)) if (!IRI.test(k)) fail(`${path}.${k}`, 'extension keys must be IRIs');
}

export function uuid(v: unknown, path: string): string {
  if (!UUID.test(string(v, path))) fail(path, 'must be a UUID');
  return v as string;
}

export function timestamp(v: unknown, path: string): string {
  const m = TIMESTAMP.exec(string(v, path));
  if (!m) fail(path, 'must be an RFC 3339 timestamp');
  const [, , month, day, hour, minute, second, , zone] = m!;
  if (+month < 1 || +month > 12 || +day < 1 || +day > 31 || +hour > 23 || +minute > 59 || +second > 60) fail(path, 'is not a valid date and time');
  // RFC 3339 §4.3: "-00:00" means the offset is unknown, which an LRS cannot convert to UTC.
  if (zone === '-00:00') fail(path, 'has an unknown offset (-00:00)');
  return v as string;
}

function agentIdentifier(a: Json, path: string, required: boolean): void {
  const ifis = ['mbox', 'mbox_sha1sum', 'openid', 'account'].filter((k) => a[k] !== undefined);
  if (ifis.length > 1) fail(path, 'must have exactly one identifier');
  if (ifis.length === 0) {
    if (required) fail(path, 'must have an identifier (mbox, mbox_sha1sum, openid or account)');
    return;
  }
  if (a.mbox !== undefined && !MAILTO.test(string(a.mbox, `${path}.mbox`))) fail(`${path}.mbox`, 'must be a mailto: IRI');
  if (a.mbox_sha1sum !== undefined && !SHA1.test(string(a.mbox_sha1sum, `${path}.mbox_sha1sum`))) fail(`${path}.mbox_sha1sum`, 'must be a SHA-1 hex digest');
  if (a.openid !== undefined) iri(a.openid, `${path}.openid`);
  if (a.account !== undefined) {
    const account = object(a.account, `${path}.account`, ['homePage', 'name']);
    iri(account.homePage, `${path}.account.homePage`);
    string(account.name, `${path}.account.name`);
  }
}

const AGENT_KEYS = ['objectType', 'name', 'mbox', 'mbox_sha1sum', 'openid', 'account'];

export function agent(v: unknown, path: string): void {
  const a = object(v, path, AGENT_KEYS);
  if (a.objectType !== undefined && a.objectType !== 'Agent') fail(`${path}.objectType`, 'must be "Agent"');
  if (a.name !== undefined) string(a.name, `${path}.name`);
  agentIdentifier(a, path, true);
}

export function group(v: unknown, path: string): void {
  const g = object(v, path, [...AGENT_KEYS, 'member']);
  if (g.objectType !== 'Group') fail(`${path}.objectType`, 'must be "Group"');
  if (g.name !== undefined) string(g.name, `${path}.name`);
  const identified = ['mbox', 'mbox_sha1sum', 'openid', 'account'].some((k) => g[k] !== undefined);
  agentIdentifier(g, path, false);
  if (g.member === undefined) {
    if (!identified) fail(`${path}.member`, 'an anonymous group must list its members');
    return;
  }
  if (!Array.isArray(g.member)) fail(`${path}.member`, 'must be an array');
  const members = g.member as unknown[];
  if (!identified && members.length === 0) fail(`${path}.member`, 'an anonymous group must list its members');
  members.forEach((m, i) => agent(m, `${path}.member[${i}]`));
}

/** An agent or a group: the shape the `agent` query parameters and document resources take too. */
export function actor(v: unknown, path: string): void {
  if (isObject(v) && v.objectType === 'Group') group(v, path);
  else agent(v, path);
}

function verb(v: unknown, path: string): void {
  const vb = object(v, path, ['id', 'display']);
  iri(vb.id, `${path}.id`);
  if (vb.display !== undefined) languageMap(vb.display, `${path}.display`);
}

function interactionComponents(v: unknown, path: string): void {
  if (!Array.isArray(v)) fail(path, 'must be an array');
  const ids = new Set<string>();
  (v as unknown[]).forEach((c, i) => {
    const component = object(c, `${path}[${i}]`, ['id', 'description']);
    const id = string(component.id, `${path}[${i}].id`);
    if (ids.has(id)) fail(`${path}[${i}].id`, 'must be unique');
    ids.add(id);
    if (component.description !== undefined) languageMap(component.description, `${path}[${i}].description`);
  });
}

function activityDefinition(v: unknown, path: string): void {
  const d = object(v, path, ['name', 'description', 'type', 'moreInfo', 'extensions', 'interactionType', 'correctResponsesPattern', ...COMPONENT_LISTS]);
  if (d.name !== undefined) languageMap(d.name, `${path}.name`);
  if (d.description !== undefined) languageMap(d.description, `${path}.description`);
  if (d.type !== undefined) iri(d.type, `${path}.type`);
  if (d.moreInfo !== undefined) iri(d.moreInfo, `${path}.moreInfo`);
  if (d.extensions !== undefined) extensions(d.extensions, `${path}.extensions`);
  if (d.correctResponsesPattern !== undefined) {
    if (!Array.isArray(d.correctResponsesPattern)) fail(`${path}.correctResponsesPattern`, 'must be an array of strings');
    (d.correctResponsesPattern as unknown[]).forEach((p, i) => string(p, `${path}.correctResponsesPattern[${i}]`));
  }
  const lists = COMPONENT_LISTS.filter((k) => d[k] !== undefined);
  if (d.interactionType === undefined) {
    if (d.correctResponsesPattern !== undefined || lists.length) fail(`${path}.interactionType`, 'is required with interaction properties');
    return;
  }
  const allowed = INTERACTION_COMPONENTS[string(d.interactionType, `${path}.interactionType`)];
  if (!allowed) fail(`${path}.interactionType`, 'is not an interaction type');
  for (const list of lists) {
    if (!allowed!.includes(list)) fail(`${path}.${list}`, `is not allowed for interactionType ${String(d.interactionType)}`);
    interactionComponents(d[list], `${path}.${list}`);
  }
}

function activity(v: unknown, path: string): void {
  const a = object(v, path, ['objectType', 'id', 'definition']);
  if (a.objectType !== undefined && a.objectType !== 'Activity') fail(`${path}.objectType`, 'must be "Activity"');
  iri(a.id, `${path}.id`);
  if (a.definition !== undefined) activityDefinition(a.definition, `${path}.definition`);
}

function statementRef(v: unknown, path: string): void {
  const r = object(v, path, ['objectType', 'id']);
  if (r.objectType !== 'StatementRef') fail(`${path}.objectType`, 'must be "StatementRef"');
  uuid(r.id, `${path}.id`);
}

function statementObject(v: unknown, path: string, inSubStatement: boolean): void {
  if (!isObject(v)) fail(path, 'must be an object');
  const type = (v as Json).objectType;
  if (type === undefined || type === 'Activity') activity(v, path);
  else if (type === 'Agent') agent(v, path);
  else if (type === 'Group') group(v, path);
  else if (type === 'StatementRef') statementRef(v, path);
  else if (type === 'SubStatement') {
    if (inSubStatement) fail(path, 'a SubStatement cannot contain a SubStatement');
    body(v as Json, path, true);
  } else fail(`${path}.objectType`, 'is not an object type');
}

function score(v: unknown, path: string): void {
  const s = object(v, path, ['scaled', 'raw', 'min', 'max']);
  for (const k of ['scaled', 'raw', 'min', 'max']) if (s[k] !== undefined && (typeof s[k] !== 'number' || !Number.isFinite(s[k]))) fail(`${path}.${k}`, 'must be a number');
  const { scaled, raw, min, max } = s as Record<string, number | undefined>;
  if (scaled !== undefined && (scaled < -1 || scaled > 1)) fail(`${path}.scaled`, 'must be between -1 and 1');
  if (min !== undefined && max !== undefined && min >= max) fail(`${path}.min`, 'must be less than max');
  if (raw !== undefined && min !== undefined && raw < min) fail(`${path}.raw`, 'must not be less than min');
  if (raw !== undefined && max !== undefined && raw > max) fail(`${path}.raw`, 'must not be more than max');
}

function result(v: unknown, path: string): void {
  const r = object(v, path, ['score', 'success', 'completion', 'response', 'duration', 'extensions']);
  if (r.score !== undefined) score(r.score, `${path}.score`);
  if (r.success !== undefined) bool(r.success, `${path}.success`);
  if (r.completion !== undefined) bool(r.completion, `${path}.completion`);
  if (r.response !== undefined) string(r.response, `${path}.response`);
  if (r.duration !== undefined && !DURATION.test(string(r.duration, `${path}.duration`))) fail(`${path}.duration`, 'must be an ISO 8601 duration');
  if (r.extensions !== undefined) extensions(r.extensions, `${path}.extensions`);
}

function contextActivities(v: unknown, path: string): void {
  const c = object(v, path, ['parent', 'grouping', 'category', 'other']);
  for (const [k, list] of Object.entries(c)) {
    if (Array.isArray(list)) list.forEach((a, i) => activity(a, `${path}.${k}[${i}]`));
    else activity(list, `${path}.${k}`);
  }
}

function relevantTypes(v: unknown, path: string): void {
  if (!Array.isArray(v) || v.length === 0) fail(path, 'must be a non-empty array of IRIs');
  (v as unknown[]).forEach((t, i) => iri(t, `${path}[${i}]`));
}

function context(v: unknown, path: string, objectIsActivity: boolean): void {
  const c = object(v, path, [
    'registration', 'instructor', 'team', 'contextActivities', 'contextAgents', 'contextGroups', 'revision', 'platform', 'language', 'statement', 'extensions',
  ]);
  if (c.registration !== undefined) uuid(c.registration, `${path}.registration`);
  if (c.instructor !== undefined) actor(c.instructor, `${path}.instructor`);
  if (c.team !== undefined) group(c.team, `${path}.team`);
  if (c.contextActivities !== undefined) contextActivities(c.contextActivities, `${path}.contextActivities`);
  if (c.contextAgents !== undefined) {
    if (!Array.isArray(c.contextAgents)) fail(`${path}.contextAgents`, 'must be an array');
    (c.contextAgents as unknown[]).forEach((a, i) => {
      const p = `${path}.contextAgents[${i}]`;
      const ca = object(a, p, ['objectType', 'agent', 'relevantTypes']);
      if (ca.objectType !== 'contextAgent') fail(`${p}.objectType`, 'must be "contextAgent"');
      agent(ca.agent, `${p}.agent`);
      if (ca.relevantTypes !== undefined) relevantTypes(ca.relevantTypes, `${p}.relevantTypes`);
    });
  }
  if (c.contextGroups !== undefined) {
    if (!Array.isArray(c.contextGroups)) fail(`${path}.contextGroups`, 'must be an array');
    (c.contextGroups as unknown[]).forEach((g, i) => {
      const p = `${path}.contextGroups[${i}]`;
      const cg = object(g, p, ['objectType', 'group', 'relevantTypes']);
      if (cg.objectType !== 'contextGroup') fail(`${p}.objectType`, 'must be "contextGroup"');
      group(cg.group, `${p}.group`);
      if (cg.relevantTypes !== undefined) relevantTypes(cg.relevantTypes, `${p}.relevantTypes`);
    });
  }
  for (const k of ['revision', 'platform'] as const) {
    if (c[k] === undefined) continue;
    string(c[k], `${path}.${k}`);
    if (!objectIsActivity) fail(`${path}.${k}`, 'is allowed only when the object is an Activity');
  }
  if (c.language !== undefined && !LANGUAGE_TAG.test(string(c.language, `${path}.language`))) fail(`${path}.language`, 'is not an RFC 5646 language tag');
  if (c.statement !== undefined) statementRef(c.statement, `${path}.statement`);
  if (c.extensions !== undefined) extensions(c.extensions, `${path}.extensions`);
}

function attachments(v: unknown, path: string): void {
  if (!Array.isArray(v)) fail(path, 'must be an array');
  (v as unknown[]).forEach((a, i) => {
    const p = `${path}[${i}]`;
    const at = object(a, p, ['usageType', 'display', 'description', 'contentType', 'length', 'sha2', 'fileUrl']);
    iri(at.usageType, `${p}.usageType`);
    languageMap(at.display, `${p}.display`);
    if (at.description !== undefined) languageMap(at.description, `${p}.description`);
    if (!MEDIA_TYPE.test(string(at.contentType, `${p}.contentType`))) fail(`${p}.contentType`, 'must be an internet media type');
    if (typeof at.length !== 'number' || !Number.isInteger(at.length) || at.length < 0) fail(`${p}.length`, 'must be a whole number');
    if (!SHA2.test(string(at.sha2, `${p}.sha2`))) fail(`${p}.sha2`, 'must be a SHA-2 hex digest');
    if (at.fileUrl !== undefined) iri(at.fileUrl, `${p}.fileUrl`);
  });
}

/** The parts a statement and a SubStatement share. */
function body(s: Json, path: string, sub: boolean): void {
  const allowed = sub
    ? ['objectType', 'actor', 'verb', 'object', 'result', 'context', 'timestamp', 'attachments']
    : ['id', 'actor', 'verb', 'object', 'result', 'context', 'timestamp', 'stored', 'authority', 'version', 'attachments'];
  object(s, path, allowed);
  const p = (k: string) => (path ? `${path}.${k}` : k);
  if (s.actor === undefined) fail(p('actor'), 'is required');
  actor(s.actor, p('actor'));
  if (s.verb === undefined) fail(p('verb'), 'is required');
  verb(s.verb, p('verb'));
  if (s.object === undefined) fail(p('object'), 'is required');
  statementObject(s.object, p('object'), sub);
  if (s.result !== undefined) result(s.result, p('result'));
  const obj = s.object as Json;
  if (s.context !== undefined) context(s.context, p('context'), obj.objectType === undefined || obj.objectType === 'Activity');
  if (s.timestamp !== undefined) timestamp(s.timestamp, p('timestamp'));
  if (s.attachments !== undefined) attachments(s.attachments, p('attachments'));
  if ((s.verb as Json).id === VOIDED_VERB && obj.objectType !== 'StatementRef') fail(p('object'), 'a voiding statement must target a StatementRef');
}

export const VOIDED_VERB = 'http://adlnet.gov/expapi/verbs/voided';

/** Validates one statement as submitted; throws a 400 naming the first problem. */
export function validateStatement(v: unknown, path = 'statement'): void {
  try {
    if (!isObject(v)) fail(path, 'must be an object');
    const s = v as Json;
    body(s, '', false);
    if (s.id !== undefined) uuid(s.id, 'id');
    if (s.stored !== undefined) timestamp(s.stored, 'stored');
    if (s.authority !== undefined) {
      actor(s.authority, 'authority');
      const a = s.authority as Json;
      // OAuth authorities are a group of exactly two agents (the application and the user).
      if (a.objectType === 'Group') {
        if (['mbox', 'mbox_sha1sum', 'openid', 'account'].some((k) => a[k] !== undefined)) fail('authority', 'a group authority must be anonymous');
        if (!Array.isArray(a.member) || a.member.length !== 2) fail('authority', 'a group authority must have exactly two members');
      }
    }
    if (s.version !== undefined && !/^[12]\.0(?:\.\d+)?$/.test(string(s.version, 'version'))) fail('version', 'must be 1.0, 1.0.x, 2.0 or 2.0.x');
  } catch (err) {
    if (err instanceof StatementInvalid) throw errors.badRequest('invalid_statement', `语句不符合 xAPI 规范 / Invalid statement: ${err.message}`);
    throw err;
  }
}

export const isUuid = (v: string) => UUID.test(v);

/** Parses an agent given as a query parameter (JSON); 400 when it is not a valid agent or group. */
export function parseAgentParam(raw: string, name: string): Json {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    throw errors.badRequest('invalid_parameter', `参数 ${name} 不是 JSON / Parameter ${name} is not JSON`);
  }
  try {
    actor(value, name);
  } catch (err) {
    if (err instanceof StatementInvalid) throw errors.badRequest('invalid_parameter', `参数无效 / Invalid parameter: ${err.message}`);
    throw err;
  }
  return value as Json;
}

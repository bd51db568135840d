/**
 * Query parameters of the xAPI resources. Each resource accepts only its own parameters: an
 * unknown one is a 400 (it would otherwise be silently ignored, and a filter the client meant
 * would not apply). Parameters arrive as strings; agents as JSON (statement-validation).
 */
import { z } from 'zod';
import { errors } from '../../core/errors';
import { isUuid, parseAgentParam, timestamp, StatementInvalid } from './statement-validation';
import { usFromTimestamp } from './stored-time';
import type { StatementFormat } from './presenter';

type Query = Record<string, string | string[] | undefined>;
type Json = Record<string, unknown>;

const bad = (message: string) => errors.badRequest('invalid_parameter', `参数无效 / Invalid parameter: ${message}`);

/** The single value of each parameter; a repeated or unknown parameter is a 400. */
export function singleValues(query: Query, allowed: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(query)) {
    if (!allowed.includes(key)) throw bad(`${key.slice(0, 50)} is not a parameter of this resource`);
    if (Array.isArray(value)) throw bad(`${key} is given more than once`);
    if (value !== undefined) out[key] = value;
  }
  return out;
}

const iriParam = z.string().max(2048).regex(/^[a-z][a-z0-9+.-]*:\S+$/i);
const booleanParam = z.enum(['true', 'false']).transform((v) => v === 'true');

export function iri(value: string, name: string): string {
  if (!iriParam.safeParse(value).success) throw bad(`${name} must be an IRI`);
  return value;
}

export function uuidParam(value: string, name: string): string {
  if (!isUuid(value)) throw bad(`${name} must be a UUID`);
  return value.toLowerCase();
}

export function timestampParam(value: string, name: string): number {
  try {
    timestamp(value, name);
  } catch (err) {
    if (err instanceof StatementInvalid) throw bad(err.message);
    throw err;
  }
  return usFromTimestamp(value);
}

export function booleanValue(value: string | undefined, name: string): boolean {
  if (value === undefined) return false;
  const parsed = booleanParam.safeParse(value);
  if (!parsed.success) throw bad(`${name} must be true or false`);
  return parsed.data;
}

export const agentParam = (value: string, name = 'agent'): Json => parseAgentParam(value, name);

export const STATEMENT_GET_PARAMS = [
  'statementId', 'voidedStatementId', 'agent', 'verb', 'activity', 'registration', 'related_activities', 'related_agents',
  'since', 'until', 'limit', 'format', 'attachments', 'ascending', 'cursor',
] as const;

export const MAX_PAGE = 500;
export const DEFAULT_PAGE = 100;

export function limitParam(value: string | undefined): number {
  if (value === undefined) return DEFAULT_PAGE;
  if (!/^\d{1,9}$/.test(value)) throw bad('limit must be a whole number');
  const n = Number(value);
  // 0 asks for the server's maximum.
  return n === 0 ? MAX_PAGE : Math.min(n, MAX_PAGE);
}

export function formatParam(value: string | undefined): StatementFormat {
  if (value === undefined) return 'exact';
  if (value !== 'exact' && value !== 'ids' && value !== 'canonical') throw bad('format must be exact, ids or canonical');
  return value;
}

export function cursorParam(value: string): { storedUs: number; rowId: string } {
  const m = /^(\d{1,17})\.([a-z0-9]{1,32})$/.exec(value);
  if (!m) throw bad('cursor is not one this store issued');
  return { storedUs: Number(m[1]), rowId: m[2]! };
}

export const credentialBody = z.object({ name: z.string().trim().min(1).max(100) }).strict();
export const credentialParams = z.object({ id: z.string().min(1).max(64) });

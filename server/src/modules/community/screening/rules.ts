/**
 * The screening rules in force for an enterprise. Compiling 20,000 words into an automaton takes a
 * few hundred milliseconds, so each process keeps the compiled matchers and rebuilds one only when
 * its list changed — seen from a cheap fingerprint (count and newest entry) read on every use, so
 * a word added through any process is in force at once.
 */
import { LRUCache } from 'lru-cache';
import type { AppDeps } from '../../../core/context';
import type { TenantDb } from '../../../core/tenancy';
import { classifiedMarkers } from '../../knowledge';
import { WordMatcher, type ListedWord, type WordAction } from './word-matcher';
import type { ScreeningRules } from './screen';

interface Compiled {
  fingerprint: string;
  matcher: WordMatcher;
  words: ListedWord[];
}

const PLATFORM = '*platform*';
const compiled = new LRUCache<string, Compiled>({ max: 200 });

const fingerprintOf = (agg: { _count: { _all: number }; _max: { createdAt: Date | null } }) =>
  `${agg._count._all}:${agg._max.createdAt?.getTime() ?? 0}`;

const asAction = (a: string): WordAction => (a === 'refuse' ? 'refuse' : 'review');

async function platformWords(deps: AppDeps): Promise<Compiled> {
  const { prisma } = deps.db;
  const fingerprint = fingerprintOf(await prisma.platformSensitiveWord.aggregate({ _count: { _all: true }, _max: { createdAt: true } }));
  const cached = compiled.get(PLATFORM);
  if (cached?.fingerprint === fingerprint) return cached;
  const words = (await prisma.platformSensitiveWord.findMany({ select: { word: true, action: true } })).map((w) => ({ word: w.word, action: asAction(w.action) }));
  const entry = { fingerprint, matcher: new WordMatcher(words), words };
  compiled.set(PLATFORM, entry);
  return entry;
}

async function enterpriseMatcher(deps: AppDeps, db: TenantDb, tenantId: string): Promise<WordMatcher> {
  const platform = await platformWords(deps);
  const own = fingerprintOf(await db.sensitiveWord.aggregate({ _count: { _all: true }, _max: { createdAt: true } }));
  if (own.startsWith('0:')) return platform.matcher;
  const fingerprint = `${platform.fingerprint}|${own}`;
  const cached = compiled.get(tenantId);
  if (cached?.fingerprint === fingerprint) return cached.matcher;
  const words = (await db.sensitiveWord.findMany({ select: { word: true, action: true } })).map((w) => ({ word: w.word, action: asAction(w.action) }));
  const matcher = new WordMatcher([...platform.words, ...words]);
  compiled.set(tenantId, { fingerprint, matcher, words });
  return matcher;
}

export async function linkDomainsOf(db: TenantDb): Promise<string[]> {
  const settings = await db.communitySettings.findFirst({ select: { linkDomains: true } });
  return Array.isArray(settings?.linkDomains) ? (settings!.linkDomains as unknown[]).filter((d): d is string => typeof d === 'string') : [];
}

export async function screeningRules(deps: AppDeps, db: TenantDb, tenantId: string): Promise<ScreeningRules> {
  const [words, markers, linkDomains] = await Promise.all([
    enterpriseMatcher(deps, db, tenantId),
    classifiedMarkers(db, deps.config.KB_CLASSIFIED_MARKERS),
    linkDomainsOf(db),
  ]);
  return { words, classifiedMarkers: markers, linkDomains };
}

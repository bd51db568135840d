/**
 * Screening before publishing (000 §5, 002 §4.4): sensitive words (platform + enterprise lists),
 * the knowledge bases' classified-marker rules and the link rules decide whether a text is
 * published, held for review or refused. Pure: the rules in force come from rules.ts.
 */
import { AppError } from '../../../core/errors';
import { findClassifiedMarkerIn } from '../../knowledge';
import { checkLinksIn } from './links';
import type { WordMatcher } from './word-matcher';

export interface ScreeningRules {
  words: WordMatcher;
  classifiedMarkers: string[];
  linkDomains: string[];
}

export type ReasonRule = 'sensitive_word' | 'classified_marker' | 'link_scheme' | 'link_domain';
export interface Reason {
  rule: ReasonRule;
  match: string;
  part: string;
}

export type Verdict =
  | { outcome: 'publish'; reasons: [] }
  | { outcome: 'review' | 'refuse'; reasons: Reason[] };

export interface TextPart {
  what: string;
  text: string;
}

export function screen(rules: ScreeningRules, parts: TextPart[]): Verdict {
  const refuse: Reason[] = [];
  const review: Reason[] = [];
  for (const { what, text } of parts) {
    const normalised = text.normalize('NFKC'); // once for the markers, the words and the links
    const marker = findClassifiedMarkerIn(normalised, rules.classifiedMarkers);
    if (marker) refuse.push({ rule: 'classified_marker', match: marker, part: what });
    for (const { word, action } of rules.words.find(normalised)) {
      (action === 'refuse' ? refuse : review).push({ rule: 'sensitive_word', match: word, part: what });
    }
    for (const finding of checkLinksIn(normalised, rules.linkDomains)) {
      if (finding.rule === 'link_scheme') refuse.push({ rule: 'link_scheme', match: finding.link, part: what });
      else review.push({ rule: 'link_domain', match: finding.host, part: what });
    }
  }
  if (refuse.length) return { outcome: 'refuse', reasons: refuse };
  if (review.length) return { outcome: 'review', reasons: review };
  return { outcome: 'publish', reasons: [] };
}

const REFUSALS: Record<ReasonRule, { code: string; message: (m: string) => string }> = {
  classified_marker: {
    code: 'classified_content',
    message: (m) => `内容含有密级或保密标识「${m}」，不能发布 / The text is marked as classified ("${m}") and cannot be published`,
  },
  sensitive_word: {
    code: 'sensitive_content',
    message: (m) => `内容含有违禁词「${m}」，不能发布 / The text contains a prohibited word ("${m}") and cannot be published`,
  },
  link_scheme: {
    code: 'link_not_allowed',
    message: (m) => `只能发布 http(s) 链接：「${m}」 / Only http(s) links may be published: "${m}"`,
  },
  link_domain: {
    code: 'link_not_allowed',
    message: (m) => `链接域名不在允许列表中：「${m}」 / The link's domain is not on the allow-list: "${m}"`,
  },
};

/** The 422 a refused verdict answers with: the first reason names the code, all are in details. */
export function refusalError(reasons: Reason[]): AppError {
  const first = reasons[0];
  const { code, message } = REFUSALS[first.rule];
  return new AppError(422, code, message(first.match), { reasons });
}

/** One line for the author and the queue: why a text waits for review. */
export function heldReasonOf(reasons: Reason[]): string {
  const words = reasons.filter((r) => r.rule === 'sensitive_word').map((r) => r.match);
  const hosts = reasons.filter((r) => r.rule === 'link_domain').map((r) => r.match);
  const parts = [
    words.length ? `含有需审核的词语 / words to review: ${[...new Set(words)].join('、')}` : '',
    hosts.length ? `链接域名待审核 / link domains to review: ${[...new Set(hosts)].join('、')}` : '',
  ];
  return parts.filter(Boolean).join('; ').slice(0, 300);
}

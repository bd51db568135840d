/**
 * Link rules: only http(s) links may be published; where the enterprise keeps an allow-list of
 * domains, a link elsewhere waits for a moderator. Text is rendered as text, so a link is only
 * ever a string a reader may copy — the rules decide which strings may stand there at all.
 */
const URL_LIKE = /\b([a-z][a-z0-9+.-]{1,20}):(\/\/[^\s<>"'，。）)]*)?/gi;
// Schemes that are dangerous even without "//" (javascript:alert(1), data:text/html,…).
const BARE_SCHEMES = new Set(['javascript', 'vbscript', 'data', 'file', 'blob']);

export type LinkFinding = { rule: 'link_scheme'; link: string } | { rule: 'link_domain'; link: string; host: string };

function hostOf(link: string): string | null {
  try {
    return new URL(link).hostname.toLowerCase();
  } catch {
    return null;
  }
}

const allowedBy = (host: string, domains: string[]) => domains.some((d) => host === d || host.endsWith(`.${d}`));

/** What is wrong with the links in `text`: bad schemes first, then hosts outside the allow-list. */
export function checkLinks(text: string, allowDomains: string[]): LinkFinding[] {
  return checkLinksIn(text.normalize('NFKC'), allowDomains);
}

/** checkLinks on a text already NFKC-normalised (screening normalises once). */
export function checkLinksIn(normalised: string, allowDomains: string[]): LinkFinding[] {
  if (!normalised.includes(':')) return [];
  const findings: LinkFinding[] = [];
  for (const match of normalised.matchAll(URL_LIKE)) {
    const scheme = match[1].toLowerCase();
    const link = match[0];
    if (!match[2] && !BARE_SCHEMES.has(scheme)) continue; // "比分 3:2", "时间:" are not links
    if (scheme !== 'http' && scheme !== 'https') {
      findings.push({ rule: 'link_scheme', link: link.slice(0, 100) });
      continue;
    }
    const host = hostOf(link);
    if (!host) findings.push({ rule: 'link_scheme', link: link.slice(0, 100) });
    else if (allowDomains.length && !allowedBy(host, allowDomains)) findings.push({ rule: 'link_domain', link: link.slice(0, 100), host });
  }
  return findings.sort((a, b) => (a.rule === b.rule ? 0 : a.rule === 'link_scheme' ? -1 : 1));
}

/** A domain as the allow-list keeps it: lower case, no scheme, path or leading dot. */
export function normaliseDomain(raw: string): string | null {
  const host = raw.trim().toLowerCase().replace(/^https?:\/\//, '').replace(/[/?#].*$/, '').replace(/^\.+/, '');
  return /^(?=.{1,253}$)([a-z0-9-]{1,63}\.)+[a-z]{2,63}$/.test(host) ? host : null;
}

/**
 * Finding people by name in a WeCom enterprise. A third-party app never receives names, so it
 * asks the host (service/contact/search, provider token), which answers with the ids of the people
 * whose name matches, inside the app's visible range.
 */
import type { AppDeps } from '../../core/context';
import { hostCall } from './login';

const PAGE = 200;
/** Enough for a picker or a search box; a broader word should be narrowed, not paged through. */
const MAX_RESULTS = 1000;

/** Host user ids whose names match `word`; null when the enterprise is not installed from WeCom. */
export async function searchHostMembers(deps: AppDeps, tenantId: string, word: string): Promise<string[] | null> {
  const auth = await deps.db.prisma.wecomCorpAuth.findFirst({ where: { tenantId, status: 'active' }, select: { corpId: true, agentId: true } });
  if (!auth) return null;
  const ids: string[] = [];
  for (let offset = 0; offset < MAX_RESULTS; offset += PAGE) {
    const res = await hostCall(() =>
      deps.wecom.providerPost('service/contact/search', {
        auth_corpid: auth.corpId, query_word: word, query_type: 1, agentid: auth.agentId ?? 0, offset, limit: PAGE,
      }),
    );
    const result = res.query_result as { user?: { userid?: unknown; open_userid?: unknown } } | undefined;
    const found = Array.isArray(result?.user?.userid) ? (result!.user!.userid as unknown[]).filter((x): x is string => typeof x === 'string') : [];
    ids.push(...found);
    if (res.is_last !== false || found.length === 0) break;
  }
  return ids;
}

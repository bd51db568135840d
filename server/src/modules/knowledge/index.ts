/**
 * What other modules may use of knowledge bases (training's reading tasks, records):
 *   recordView(deps, tenantId, docId, memberId)   — a member opened a document
 *   hasRead(db, memberId, docId, since?)          — whether they did (since a time)
 *   readsOf(db, memberId, docIds)                 — first/last read and count per document
 *   loadAccess(db, actor).roleOn(node)            — what a member may do with a node
 */
export { recordView, hasRead, readsOf } from './social/views';
export { loadAccess, type KbAccess, type KbRole } from './policy';
export type { SearchEngine, SearchRequest, SearchHit } from './search/engine';
// The search box's segmentation (CJK runs, words; NFKC, lower case), for community search.
export { segments as searchTerms } from './search/tokens';
// Screening and plain-text rules that community content shares with knowledge bases.
export { findClassifiedMarker, findClassifiedMarkerIn, classifiedMarkers } from './content/screening';
export { neutraliseComment, neutraliseTitle } from './content/sanitize';

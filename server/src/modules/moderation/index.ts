/**
 * What other modules use of moderation (community publishing, knowledge-base comments):
 *   assertMayPost(db, memberId, ip)   — 403 posting_restricted / ip_banned
 *   captureEvidence(deps, db, …)      — keep a text as evidence
 *   openCase(db, …)                   — put something in the review queue
 */
export { assertMayPost } from './penalties';
export { captureEvidence } from './evidence';
export { openCase } from './cases';

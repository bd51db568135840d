/**
 * The one path every text a member publishes takes (questions, posts, answers, comments and
 * knowledge-base comments): posting restrictions and IP bans, then screening. A refused text is
 * kept as evidence and answered with 422 and the reason; a held one is stored as `held`, visible
 * to its author only, with a screening case in the review queue.
 */
import { assertMayPost, captureEvidence, openCase } from '../moderation';
import type { Community } from './context';
import { screeningRules } from './screening/rules';
import { heldReasonOf, refusalError, screen, type TextPart } from './screening/screen';

export interface Screened {
  status: 'published' | 'held';
  heldReason: string | null;
}

export async function screenForPublishing(c: Community, targetType: string, parts: TextPart[]): Promise<Screened> {
  await assertMayPost(c.db, c.actor.memberId, c.ip);
  const verdict = screen(await screeningRules(c.deps, c.db, c.actor.tenantId), parts);
  if (verdict.outcome === 'refuse') {
    await captureEvidence(c.deps, c.db, {
      targetType, targetId: '-', authorId: c.actor.memberId, authorIp: c.ip, event: 'screening_refused',
      content: JSON.stringify({ parts, reasons: verdict.reasons }),
    });
    throw refusalError(verdict.reasons);
  }
  if (verdict.outcome === 'review') return { status: 'held', heldReason: heldReasonOf(verdict.reasons) };
  return { status: 'published', heldReason: null };
}

/** A held text goes to the review queue, its text kept as evidence. */
export async function queueHeld(c: Community, target: { type: string; id: string; text: string; heldReason: string | null }): Promise<void> {
  const opened = await openCase(c.db, { kind: 'screening', targetType: target.type, targetId: target.id, subjectId: c.actor.memberId, summary: target.heldReason });
  await captureEvidence(c.deps, c.db, {
    caseId: opened.id, targetType: target.type, targetId: target.id, authorId: c.actor.memberId, authorIp: c.ip, event: 'screening_held', content: target.text,
  });
}

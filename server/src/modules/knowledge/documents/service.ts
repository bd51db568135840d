/**
 * Saving documents. Every save sanitises the body, screens title and text for classified markers,
 * bumps the revision with an optimistic check (two editors saving the same revision: the second
 * gets 409 edit_conflict), records the revision and re-indexes the document for search.
 */
import { errors } from '../../../core/errors';
import { compareAndSet } from '../../../db/compare-and-set';
import type { Kb } from '../context';
import { htmlToText, neutraliseTitle, sanitizeRichText } from '../content/sanitize';
import { classifiedMarkers, refuseClassified } from '../content/screening';
import { nodeSelect, type NodeRow } from '../presenter';

export interface DocumentInput {
  title?: string;
  body?: string;
  /** The revision the editor started from; a mismatch is an edit conflict. */
  baseRevision?: number;
}

export async function markersOf(kb: Kb): Promise<string[]> {
  return classifiedMarkers(kb.db, kb.deps.config.KB_CLASSIFIED_MARKERS);
}

export function cleanTitle(raw: string): string {
  const title = neutraliseTitle(raw);
  if (!title) throw errors.validation([{ path: 'body.title', message: '标题不能为空 / The title is empty' }]);
  return title;
}

/** Sanitised body, its text, and the screening verdict for a title + body pair. */
export async function prepareContent(kb: Kb, title: string, rawBody: string) {
  const body = sanitizeRichText(rawBody);
  const text = htmlToText(body);
  refuseClassified(await markersOf(kb), [
    { what: 'title', text: title },
    { what: 'document', text },
  ]);
  return { body, text };
}

export async function indexDocument(kb: Kb, node: Pick<NodeRow, 'id' | 'spaceId' | 'aclPath'>, title: string, text: string) {
  await kb.search.index({ tenantId: kb.actor.tenantId, nodeId: node.id, spaceId: node.spaceId, aclPath: node.aclPath, title, text });
}

export async function saveDocument(kb: Kb, node: NodeRow, input: DocumentInput): Promise<NodeRow> {
  if (input.baseRevision !== undefined && input.baseRevision !== node.revision) {
    throw errors.conflict('edit_conflict', '文档已被他人修改，请刷新后再保存 / The document changed since you opened it', { revision: node.revision });
  }
  const title = input.title !== undefined ? cleanTitle(input.title) : node.title;
  const rawBody = input.body ?? (await kb.db.kbNode.findUnique({ where: { id: node.id }, select: { body: true } }))?.body ?? '';
  const { body, text } = await prepareContent(kb, title, rawBody);
  const number = node.revision + 1;
  // Compare-and-set on the revision: of two saves on top of the same one, one wins.
  const won = await compareAndSet(
    kb.db, 'KbNode', { id: node.id, tenantId: kb.actor.tenantId, revision: node.revision },
    { title, body, revision: number, updatedById: kb.actor.memberId, updatedAt: new Date() },
  );
  if (won !== 1) throw errors.conflict('edit_conflict', '文档已被他人修改，请刷新后再保存 / The document changed since you opened it');
  await kb.db.kbRevision.create({ data: { nodeId: node.id, number, title, body, authorId: kb.actor.memberId } as never });
  if (node.status === 'active') await indexDocument(kb, node, title, text);
  return (await kb.db.kbNode.findUnique({ where: { id: node.id }, select: nodeSelect }))!;
}

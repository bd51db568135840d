/**
 * What a task contains: published courses, published exams and documents of the knowledge base.
 * Drafts and unpublished courses are not offered: nobody could study them.
 */
import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import { displayMessage } from '../../../lib/api-error';
import { useRequest } from '../../../hooks/use-request';
import { listCourses } from '../../../services/courses';
import { listExams } from '../../../services/exams';
import { listSpaces, spaceTree } from '../../../services/knowledge';
import type { KnowledgeNode } from '../../../services/types';
import { Button, Field } from './fields';

export interface TaskItem {
  kind: 'course' | 'exam' | 'document';
  refId: string;
  title: string;
}

const kindLabel: Record<TaskItem['kind'], string> = { course: '课程', exam: '考试', document: '文档' };

function documentsOf(nodes: KnowledgeNode[]): KnowledgeNode[] {
  return nodes.flatMap((n) => [...(n.kind === 'document' ? [n] : []), ...documentsOf(n.children ?? [])]);
}

export function TaskItemsPicker({ value, onChange }: { value: TaskItem[]; onChange: (items: TaskItem[]) => void }) {
  const courses = useRequest(() => listCourses(null, 'published'), []);
  const exams = useRequest(() => listExams(), []);
  const spaces = useRequest(() => listSpaces(), []);
  const [spaceId, setSpaceId] = useState<string | null>(null);
  const docs = useRequest(() => (spaceId ? spaceTree(spaceId) : Promise.resolve(null)), [spaceId]);
  const has = (kind: string, refId: string) => value.some((i) => i.kind === kind && i.refId === refId);
  const flip = (item: TaskItem) => onChange(has(item.kind, item.refId) ? value.filter((i) => !(i.kind === item.kind && i.refId === item.refId)) : [...value, item]);
  const chip = (item: TaskItem, testId: string) => (
    <View key={`${item.kind}:${item.refId}`} data-testid={testId} className={`qx-abtn ${has(item.kind, item.refId) ? 'qx-abtn--primary' : ''}`} onClick={() => flip(item)}>
      {item.title}
    </View>
  );
  const publishedExams = (exams.data?.items ?? []).filter((e) => e.status === 'published');
  const documents = documentsOf(docs.data?.items ?? []);

  return (
    <View>
      <Field label='课程'>
        <View className='qx-choice'>
          <InlineState loading={courses.loading} error={courses.error} onRetry={courses.reload} empty={!courses.data?.items.length} emptyText='没有已发布的课程'>
            {(courses.data?.items ?? []).map((c) => chip({ kind: 'course', refId: c.id, title: c.title }, 'pick-course'))}
          </InlineState>
        </View>
      </Field>
      <Field label='考试'>
        <View className='qx-choice'>
          <InlineState loading={exams.loading} error={exams.error} onRetry={exams.reload} empty={!publishedExams.length} emptyText='没有已发布的考试'>
            {publishedExams.map((e) => chip({ kind: 'exam', refId: e.id, title: e.title }, 'pick-exam'))}
          </InlineState>
        </View>
      </Field>
      <Field label='文档'>
        <View style={{ display: 'flex', flexDirection: 'column', gap: '6PX' }}>
          <View className='qx-choice'>
            <InlineState loading={spaces.loading} error={spaces.error} onRetry={spaces.reload} empty={!spaces.data?.items.length} emptyText='还没有知识空间'>
              {(spaces.data?.items ?? []).map((s) => (
                <View key={s.id} data-testid='pick-space' className={`qx-abtn ${spaceId === s.id ? 'qx-abtn--primary' : ''}`} onClick={() => setSpaceId(spaceId === s.id ? null : s.id)}>
                  {s.name}
                </View>
              ))}
            </InlineState>
          </View>
          {spaceId ? (
            <View className='qx-choice'>
              <InlineState loading={docs.loading} error={docs.error} onRetry={docs.reload} empty={!documents.length} emptyText='这个空间还没有文档'>
                {documents.map((d) => chip({ kind: 'document', refId: d.id, title: d.title }, 'pick-document'))}
              </InlineState>
            </View>
          ) : null}
        </View>
      </Field>
      <Field label='已选'>
        <View className='qx-choice' data-testid='picked-items'>
          {value.length ? value.map((i) => (
            <View key={`${i.kind}:${i.refId}`} className='qx-abtn qx-abtn--primary' data-testid='picked-item' onClick={() => flip(i)}>
              {`${kindLabel[i.kind]}《${i.title}》 ×`}
            </View>
          )) : <Text className='qx-form-row__hint'>请至少选择一项内容</Text>}
        </View>
      </Field>
    </View>
  );
}

/** Loading, error and empty states inside a form row: a line of text, not a page-size block. */
function InlineState({ loading, error, onRetry, empty, emptyText, children }: { loading: boolean; error: unknown; onRetry: () => void; empty: boolean; emptyText: string; children: ReactNode }) {
  if (error) {
    return (
      <View className='qx-actions' style={{ alignItems: 'center' }}>
        <Text className='qx-error-message'>{displayMessage(error)}</Text>
        <Button onClick={onRetry}>重试</Button>
      </View>
    );
  }
  if (loading) return <Text className='qx-form-row__hint'>加载中…</Text>;
  if (empty) return <Text className='qx-form-row__hint'>{emptyText}</Text>;
  return <>{children}</>;
}

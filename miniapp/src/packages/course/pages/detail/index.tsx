/**
 * A course: enrolment (with its validity window), chapters with progress, the player (video,
 * article, document) reporting heartbeats through a study session, and the exam once every
 * chapter is done. Completion is the server's decision, shown as it reports it.
 */
import { useEffect, useState } from 'react';
import Taro, { useRouter, useUnload } from '@tarojs/taro';
import { Button, RichText, Text, Video, View } from '@tarojs/components';
import { StateView } from '../../../../components/state-view';
import { useHeartbeats } from '../../../../hooks/use-heartbeats';
import { useRequest } from '../../../../hooks/use-request';
import { displayMessage } from '../../../../lib/api-error';
import { readingStatus } from '../../../../lib/course-progress';
import { go, routes } from '../../../../lib/routes';
import { courseProgress, endStudy, enrol, getCourse, startStudy } from '../../../../services/courses';
import type { Chapter } from '../../../../services/types';
import './index.css';
import { useTimeZone } from '../../../../hooks/use-time-zone';
import { formatDate } from '../../../../lib/time';

export default function CourseDetail() {
  const { params } = useRouter();
  const tz = useTimeZone();
  const id = params.id ?? '';
  const course = useRequest(() => Promise.all([getCourse(id), courseProgress(id)]), [id]);
  const [session, setSession] = useState<string | null>(null);
  const [current, setCurrent] = useState<Chapter | null>(null);
  const [actionError, setActionError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const beats = useHeartbeats(session, current?.id ?? null, { intervalMs: 5_000, reading: !!current && current.kind !== 'video' });

  const [detail, progress] = course.data ?? [];
  useEffect(() => {
    if (detail?.course.title) Taro.setNavigationBarTitle({ title: detail.course.title });
  }, [detail?.course.title]);

  // The server's answer to a heartbeat may finish a chapter: reload to show it.
  useEffect(() => {
    if (beats.chapter?.completed) course.reload();
  }, [beats.chapter?.completed]);

  useEffect(() => {
    if (!beats.sessionEnded) return;
    setSession(null);
    startStudy(id).then((s) => setSession(s.id), setActionError);
  }, [beats.sessionEnded]);

  useUnload(() => {
    if (session) void endStudy(session).catch(() => undefined);
  });

  const join = async () => {
    setBusy(true);
    setActionError(null);
    try {
      await enrol(id);
      course.reload();
    } catch (err) {
      setActionError(err);
    } finally {
      setBusy(false);
    }
  };

  const play = async (chapter: Chapter) => {
    setActionError(null);
    try {
      const s = session ?? (await startStudy(id)).id;
      setSession(s);
      setCurrent(chapter);
    } catch (err) {
      setActionError(err);
    }
  };

  const currentProgress = current ? progress?.chapters.find((p) => p.chapterId === current.id) : undefined;
  const done = new Set((progress?.chapters ?? []).filter((p) => p.completed).map((p) => p.chapterId));
  const enrolled = !!detail?.enrolment?.active;
  const allDone = !!detail && detail.chapters.length > 0 && detail.chapters.every((c) => done.has(c.id));
  const complete = !!progress?.status?.completedAt;

  return (
    <View className='qx-page' data-testid='course'>
      <StateView loading={course.loading && !detail} error={course.error} onRetry={course.reload}>
        {detail ? (
          <>
            <View className='qx-card'>
              <Text className='qx-card__title'>{detail.course.title}</Text>
              <Text className='qx-card__meta' data-testid='course-summary'>{`${detail.course.creditHours} 学时 · 已完成 ${done.size}/${detail.chapters.length} 章${complete ? ' · 课程已完成' : ''}`}</Text>
              {detail.enrolment ? (
                <Text className={`qx-card__meta ${detail.enrolment.active ? '' : 'qx-tone-overdue'}`}>
                  {detail.enrolment.active ? `学习有效期至 ${formatDate(detail.enrolment.expiresAt, tz)}` : `学习有效期已于 ${formatDate(detail.enrolment.expiresAt, tz)} 结束`}
                </Text>
              ) : null}
              {detail.course.description ? <Text className='qx-card__meta'>{detail.course.description}</Text> : null}
              {!detail.enrolment ? (
                <Button className='qx-btn qx-btn--primary' data-testid='enrol' loading={busy} onClick={join}>开始学习</Button>
              ) : null}
            </View>

            {current ? (
              <View className='qx-card qx-player' data-testid='player'>
                <Text className='qx-card__title'>{current.title}</Text>
                {current.kind === 'video' && current.mediaUrl ? (
                  <View className='qx-player__frame'>
                  <Video
                    id='qx-video'
                    className='qx-player__video'
                    src={current.mediaUrl}
                    initialTime={progress?.chapters.find((p) => p.chapterId === current.id)?.furthestSec ?? 0}
                    enableProgressGesture={false}
                    onPlay={() => beats.onState('playing')}
                    onPause={() => beats.onState('paused')}
                    onEnded={() => beats.onState('ended')}
                    onTimeUpdate={(e) => beats.onTime(e.detail.currentTime, e.detail.duration)}
                  />
                  </View>
                ) : (
                  <ReadingChapter chapter={current} />
                )}
                {current.kind !== 'video' ? (
                  <Text className='qx-card__meta' data-testid='reading-status'>
                    {readingStatus(
                      beats.chapter?.creditedSec ?? currentProgress?.creditedSec,
                      currentProgress?.minReadSec,
                      !!beats.chapter?.completed || !!currentProgress?.completed,
                    )}
                  </Text>
                ) : null}
                {beats.skipped ? <Text className='qx-card__meta qx-tone-overdue'>拖动跳过的部分不计入学习进度</Text> : null}
                {beats.error ? <Text className='qx-card__meta qx-error-message'>{displayMessage(beats.error)}</Text> : null}
              </View>
            ) : null}
            {actionError ? <View className='qx-card qx-error-message'>{displayMessage(actionError)}</View> : null}

            <View className='qx-section__title'>
              <Text>章节</Text>
            </View>
            {detail.chapters.length === 0 ? <View className='qx-card__meta'>本课程还没有章节</View> : null}
            {detail.chapters.map((c, i) => (
              <View
                key={c.id}
                className={`qx-card qx-row ${current?.id === c.id ? 'qx-chapter--current' : ''}`}
                data-testid='chapter'
                onClick={() => (enrolled ? play(c) : setActionError(new Error(detail.enrolment ? '学习有效期已结束，不能继续学习' : '请先点击“开始学习”')))}
              >
                <Text className='qx-card__title'>{`${i + 1}. ${c.title}`}</Text>
                <Text className={`qx-card__meta ${done.has(c.id) ? 'qx-chapter--done' : ''}`} data-testid='chapter-status'>
                  {done.has(c.id) ? '已完成' : kindLabel(c.kind)}
                </Text>
              </View>
            ))}

            {detail.course.examId ? (
              <Button
                className={`qx-btn qx-btn--primary qx-section ${!allDone || !enrolled ? 'qx-btn--disabled' : ''}`}
                disabled={!allDone || !enrolled}
                data-testid='take-exam'
                onClick={() => go(routes.exam, { id: detail.course.examId, courseId: id })}
              >
                {progress?.status?.examPassed
                  ? '考试已通过'
                  : !enrolled
                    ? detail.enrolment ? '学习有效期已结束，不能参加考试' : '开始学习后可参加考试'
                    : allDone ? '参加课程考试' : `完成全部章节后可参加考试（已完成 ${done.size}/${detail.chapters.length}）`}
              </Button>
            ) : null}
          </>
        ) : null}
      </StateView>
    </View>
  );
}

function kindLabel(kind: string): string {
  return ({ video: '视频', document: '文档', article: '图文', knowledge: '知识文档' } as Record<string, string>)[kind] ?? kind;
}

/** Articles and documents: reading time counts while the chapter is open and on screen (useHeartbeats). */
function ReadingChapter({ chapter }: { chapter: Chapter }) {
  if (chapter.kind === 'knowledge' && chapter.knowledgeDocId) {
    return (
      <View className='qx-card__meta' onClick={() => go(routes.doc, { id: chapter.knowledgeDocId })}>
        打开知识文档阅读
      </View>
    );
  }
  return <RichText className='qx-doc__body' nodes={chapter.body ?? ''} />;
}

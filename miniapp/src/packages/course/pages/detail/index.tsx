/**
 * A course: chapters with progress, the player (video, article, document) reporting heartbeats,
 * and the exam once every chapter is done. Completion is the server's decision, shown as it says.
 */
import { useEffect, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Button, RichText, Text, Video, View } from '@tarojs/components';
import { StateView } from '../../../../components/state-view';
import { useHeartbeats } from '../../../../hooks/use-heartbeats';
import { useRequest } from '../../../../hooks/use-request';
import { displayMessage } from '../../../../lib/api-error';
import { go, routes } from '../../../../lib/routes';
import { getCourse, startStudy } from '../../../../services/courses';
import type { Chapter } from '../../../../services/types';
import './index.css';

export default function CourseDetail() {
  const { params } = useRouter();
  const id = params.id ?? '';
  const course = useRequest(() => getCourse(id), [id]);
  const [session, setSession] = useState<string | null>(null);
  const [current, setCurrent] = useState<Chapter | null>(null);
  const [startError, setStartError] = useState<unknown>(null);
  const beats = useHeartbeats(id, session, current?.id ?? null, 5_000);

  useEffect(() => {
    if (course.data?.course.title) Taro.setNavigationBarTitle({ title: course.data.course.title });
  }, [course.data]);

  // The server's answer to a heartbeat may finish a chapter: reload to show it.
  useEffect(() => {
    if (beats.chapter?.completed) course.reload();
  }, [beats.chapter?.completed]);

  const play = async (chapter: Chapter) => {
    setStartError(null);
    try {
      const s = session ?? (await startStudy(id)).studySessionId;
      setSession(s);
      setCurrent(chapter);
    } catch (err) {
      setStartError(err);
    }
  };

  const data = course.data;
  const done = new Set((data?.progress ?? []).filter((p) => p.completed).map((p) => p.chapterId));
  const allDone = !!data && data.chapters.length > 0 && data.chapters.every((c) => done.has(c.id));

  return (
    <View className='qx-page' data-testid='course'>
      <StateView loading={course.loading && !data} error={course.error} onRetry={course.reload}>
        {data ? (
          <>
            <View className='qx-card'>
              <Text className='qx-card__title'>{data.course.title}</Text>
              <Text className='qx-card__meta'>{`${data.course.creditHours} 学时 · 已完成 ${done.size}/${data.chapters.length} 章`}</Text>
              {data.enrolment ? <Text className='qx-card__meta'>{`学习有效期至 ${data.enrolment.expiresAt.slice(0, 10)}`}</Text> : null}
              {data.course.description ? <Text className='qx-card__meta'>{data.course.description}</Text> : null}
            </View>

            {current ? (
              <View className='qx-card qx-player' data-testid='player'>
                <Text className='qx-card__title'>{current.title}</Text>
                {current.kind === 'video' && current.mediaUrl ? (
                  <Video
                    id='qx-video'
                    className='qx-player__video'
                    src={current.mediaUrl}
                    enableProgressGesture={false}
                    onPlay={() => beats.onState('playing')}
                    onPause={() => beats.onState('paused')}
                    onEnded={() => beats.onState('ended')}
                    onTimeUpdate={(e) => beats.onTime(e.detail.currentTime, e.detail.duration)}
                  />
                ) : (
                  <ReadingChapter chapter={current} onState={beats.onState} onTime={beats.onTime} />
                )}
                {beats.skipped ? <Text className='qx-card__meta qx-tone-overdue'>拖动跳过的部分不计入学习进度</Text> : null}
                {beats.error ? <Text className='qx-card__meta qx-error-message'>{displayMessage(beats.error)}</Text> : null}
              </View>
            ) : null}
            {startError ? <View className='qx-card qx-error-message'>{displayMessage(startError)}</View> : null}

            <View className='qx-section__title'>
              <Text>章节</Text>
            </View>
            {data.chapters.length === 0 ? <View className='qx-card__meta'>本课程还没有章节</View> : null}
            {data.chapters.map((c, i) => (
              <View key={c.id} className={`qx-card qx-row ${current?.id === c.id ? 'qx-chapter--current' : ''}`} data-testid='chapter' onClick={() => play(c)}>
                <Text className='qx-card__title'>{`${i + 1}. ${c.title}`}</Text>
                <Text className={`qx-card__meta ${done.has(c.id) ? 'qx-chapter--done' : ''}`} data-testid='chapter-status'>
                  {done.has(c.id) ? '已完成' : kindLabel(c.kind)}
                </Text>
              </View>
            ))}

            {data.course.examId ? (
              <Button className='qx-btn qx-btn--primary qx-section' disabled={!allDone} data-testid='take-exam' onClick={() => go(routes.exam, { id: data.course.examId, courseId: id })}>
                {allDone ? '参加课程考试' : '完成全部章节后可参加考试'}
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

/** Articles and documents: reading time counts while the chapter is open (the server sets the minimum). */
function ReadingChapter({ chapter, onState, onTime }: { chapter: Chapter; onState: (s: 'playing' | 'paused' | 'ended') => void; onTime: (p: number) => void }) {
  useEffect(() => {
    const started = Date.now();
    onState('playing');
    const t = setInterval(() => onTime((Date.now() - started) / 1000), 1000);
    return () => {
      clearInterval(t);
      onState('paused');
    };
  }, [chapter.id]);
  if (chapter.kind === 'knowledge' && chapter.knowledgeDocId) {
    return (
      <View className='qx-card__meta' onClick={() => go(routes.doc, { id: chapter.knowledgeDocId })}>
        打开知识文档阅读
      </View>
    );
  }
  return <RichText className='qx-doc__body' nodes={chapter.body ?? ''} />;
}

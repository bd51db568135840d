/** Pure client logic: timers, heartbeats, answer sheet, charts, hours, tree, snippets, names, query. */
import { answer, answeredCount, confirmText, goTo, newSheet, submission, unansweredNumbers, type Question } from '../../miniapp/src/lib/answer-sheet';
import { barLayout, linePoints, niceMax, percent, ticks } from '../../miniapp/src/lib/chart';
import { activityBars, completionByDepartment, completionByTask, departmentLabel, overdueByTask } from '../../miniapp/src/lib/dashboard';
import { formatDuration, secondsLeft, serverOffset, timerTone } from '../../miniapp/src/lib/countdown';
import { HeartbeatTracker } from '../../miniapp/src/lib/heartbeat';
import { dueLabel, summarizeHours } from '../../miniapp/src/lib/hours';
import { noteServerDate, resetServerClock, serverOffsetMs } from '../../miniapp/src/lib/server-clock';
import { NameBatcher } from '../../miniapp/src/lib/name-batch';
import { toQuery, withQuery } from '../../miniapp/src/lib/query';
import { nest, toggle, visibleRows } from '../../miniapp/src/lib/tree';
import { snippetRuns, watermarkText } from '../../miniapp/src/lib/watermark';

describe('exam timer', () => {
  const now = Date.parse('2026-03-01T10:00:00Z');
  it('counts from the server deadline, corrected by the server clock', () => {
    expect(secondsLeft('2026-03-01T10:01:30Z', now)).toBe(90);
    expect(secondsLeft('2026-03-01T10:01:30Z', now, 30_000)).toBe(60);
    expect(secondsLeft('2026-03-01T09:00:00Z', now)).toBe(0);
    expect(secondsLeft(null, now)).toBeNull();
    expect(secondsLeft('not a date', now)).toBeNull();
    expect(serverOffset('2026-03-01T10:00:05Z', now)).toBe(5000);
    expect(serverOffset(undefined, now)).toBe(0);
  });
  it('formats and warns in the last minute', () => {
    expect(formatDuration(65)).toBe('01:05');
    expect(formatDuration(3725)).toBe('1:02:05');
    expect(timerTone(61)).toBe('normal');
    expect(timerTone(60)).toBe('warning');
    expect(timerTone(0)).toBe('over');
  });
});

describe('heartbeat tracker', () => {
  it('numbers heartbeats, resends until acknowledged', () => {
    const t = new HeartbeatTracker('ch1');
    t.setState('playing');
    t.update(5, 100);
    const a = t.beat(new Date('2026-01-01T00:00:00Z'));
    t.update(10);
    const b = t.beat();
    expect([a.seq, b.seq]).toEqual([1, 2]);
    expect(a).toMatchObject({ chapterId: 'ch1', position: 5, duration: 100, state: 'playing', clientTime: '2026-01-01T00:00:00.000Z' });
    expect(t.pending().map((h) => h.seq)).toEqual([1, 2]);
    t.acknowledge(1);
    expect(t.pending().map((h) => h.seq)).toEqual([2]);
  });
  it('does not treat a jump ahead as progress', () => {
    const t = new HeartbeatTracker('ch1');
    expect(t.update(2, 60)).toBe(true);
    expect(t.update(50)).toBe(false);
    expect(t.furthestPosition).toBe(2);
    expect(t.update(4)).toBe(true);
    expect(t.progress).toBeCloseTo(4 / 60);
  });
});

describe('answer sheet', () => {
  const qs: Question[] = [
    { id: 'q1', type: 'single', stem: '1', options: [{ key: 'A', text: 'a' }, { key: 'B', text: 'b' }] },
    { id: 'q2', type: 'multiple', stem: '2', options: [{ key: 'A', text: 'a' }, { key: 'B', text: 'b' }] },
    { id: 'q3', type: 'fill', stem: '3' },
  ];
  it('single replaces, multiple toggles, fill sets text', () => {
    let s = newSheet(qs);
    s = answer(s, 'q1', 'A');
    s = answer(s, 'q1', 'B');
    s = answer(s, 'q2', 'B');
    s = answer(s, 'q2', 'A');
    s = answer(s, 'q2', 'B');
    s = answer(s, 'q3', '  ');
    expect(s.answers).toEqual({ q1: ['B'], q2: ['A'], q3: [] });
    expect(answeredCount(s)).toBe(2);
    expect(unansweredNumbers(s)).toEqual([3]);
    expect(confirmText(s)).toContain('还有 1 题未作答');
    expect(submission(s)).toEqual([
      { questionId: 'q1', answer: ['B'] },
      { questionId: 'q2', answer: ['A'] },
      { questionId: 'q3', answer: [] },
    ]);
  });
  it('navigates within bounds', () => {
    const s = newSheet(qs);
    expect(goTo(s, 5).current).toBe(2);
    expect(goTo(s, -1).current).toBe(0);
    expect(answer(s, 'nope', 'A')).toBe(s);
  });
});

describe('charts', () => {
  it('picks a nice axis maximum and ticks', () => {
    expect(niceMax([0, 0])).toBe(1);
    expect(niceMax([7])).toBe(10);
    expect(niceMax([13])).toBe(20);
    expect(niceMax([100])).toBe(100);
    expect(niceMax([101])).toBe(200);
    expect(ticks(100, 4)).toEqual([0, 25, 50, 75, 100]);
  });
  it('lays bars out within the box', () => {
    const bars = barLayout([{ label: 'a', value: 50 }, { label: 'b', value: 100 }], 200, 100);
    expect(bars).toHaveLength(2);
    expect(bars[1]).toMatchObject({ height: 100, y: 0 });
    expect(bars[0]).toMatchObject({ height: 50, y: 50 });
    expect(bars[0].x + bars[0].width).toBeLessThanOrEqual(100);
    expect(barLayout([], 100, 100)).toEqual([]);
    expect(linePoints([{ label: 'a', value: 0 }, { label: 'b', value: 10 }], 100, 50)).toBe('0,50 100,0');
    expect(percent(1, 3)).toBe(33.3);
    expect(percent(1, 0)).toBe(0);
  });
});

describe('hours and due dates', () => {
  it('summarises hours against the annual requirement', () => {
    expect(summarizeHours(12, 48)).toMatchObject({ ratio: 0.25, remaining: 36, complete: false, label: '还差 36 学时' });
    expect(summarizeHours(50, 48)).toMatchObject({ ratio: 1, complete: true });
    expect(summarizeHours(3, 0).label).toBe('本企业未设置年度学时要求');
  });
  it('words due dates', () => {
    const now = Date.parse('2026-03-01T00:00:00Z');
    expect(dueLabel(null, now).text).toBe('无截止日期');
    expect(dueLabel('2026-02-27T00:00:00Z', now)).toEqual({ text: '已逾期 2 天', tone: 'overdue' });
    expect(dueLabel('2026-03-01T12:00:00Z', now).tone).toBe('soon');
    expect(dueLabel('2026-03-11T00:00:00Z', now)).toEqual({ text: '10 天后截止', tone: 'normal' });
  });
});

describe('knowledge tree', () => {
  const flat = [
    { id: 'd1', parentId: null, title: '员工手册', kind: 'document' },
    { id: 'f1', parentId: null, title: '制度', kind: 'folder' },
    { id: 'd2', parentId: 'f1', title: '考勤制度', kind: 'document' },
  ];
  it('nests a flat list, folders first, children only when open', () => {
    const roots = nest(flat);
    expect(visibleRows(roots, new Set()).map((r) => r.node.id)).toEqual(['f1', 'd1']);
    const open = toggle(new Set(), 'f1');
    expect(visibleRows(roots, open).map((r) => [r.node.id, r.depth])).toEqual([['f1', 0], ['d2', 1], ['d1', 0]]);
    expect(toggle(open, 'f1').has('f1')).toBe(false);
  });
});

describe('search snippets and watermark', () => {
  it('splits highlighted runs and never passes markup through', () => {
    expect(snippetRuns('公司<em>学习</em>制度<script>x</script>')).toEqual([
      { text: '公司', hit: false },
      { text: '学习', hit: true },
      { text: '制度x', hit: false },
    ]);
  });
  it('marks who reads and when', () => {
    expect(watermarkText({ label: 'zhangsan', at: '2026-03-01T08:05:00Z' }, 0)).toBe('zhangsan 2026-03-01 16:05');
    expect(watermarkText({ name: '张三', at: '2026-03-01T08:05:00Z' }, 0)).toBe('张三 2026-03-01 16:05');
    // Never an id: a mark without a name carries the time only.
    expect(watermarkText({ memberId: 'cm0abc123' } as { name?: string }, Date.parse('2026-03-01T08:05:00Z'))).toBe('2026-03-01 16:05');
  });
});

describe('names from the host (batched, memory only)', () => {
  it('asks once per tick for many ids and caches the answers', async () => {
    const lookup = jest.fn(async (ids: string[]) => Object.fromEntries(ids.filter((i) => i !== 'gone').map((i) => [i, `name-${i}`])));
    const b = new NameBatcher(lookup);
    const [a, c, gone] = await Promise.all([b.get('a'), b.get('c'), b.get('gone')]);
    expect([a, c, gone]).toEqual(['name-a', 'name-c', null]);
    expect(lookup).toHaveBeenCalledTimes(1);
    expect(await b.get('a')).toBe('name-a');
    expect(lookup).toHaveBeenCalledTimes(1);
    expect(b.peek('c')).toBe('name-c');
  });
  it('falls back to nothing when the lookup fails', async () => {
    const b = new NameBatcher(async () => {
      throw new Error('down');
    });
    expect(await b.get('x')).toBeNull();
  });
});

describe('query strings', () => {
  it('leaves out empty values and appends to existing queries', () => {
    expect(toQuery({ q: '学习 制度', cursor: null, limit: 20, x: '' })).toBe('?q=%E5%AD%A6%E4%B9%A0%20%E5%88%B6%E5%BA%A6&limit=20');
    expect(withQuery('/a?x=1', { y: 2 })).toBe('/a?x=1&y=2');
    expect(withQuery('/a', {})).toBe('/a');
  });
});

describe('dashboard figures', () => {
  it('builds the charts from report answers', () => {
    const tasks = [
      { taskId: 't1', title: '信息安全年度培训课程', assignees: 10, completed: 4, overdue: 6, completionRate: 40 },
      { taskId: 't2', title: '制度', assignees: 0, completed: 0, overdue: 0, completionRate: 0 },
    ];
    expect(completionByTask(tasks)).toEqual([{ label: '信息安全年度培…', value: 40 }, { label: '制度', value: 0 }]);
    expect(overdueByTask(tasks).map((d) => d.value)).toEqual([6, 0]);
    expect(completionByDepartment([
      { label: '研发', assigned: 4, completed: 2, overdue: 0, completionRate: 50 },
      { label: '空', assigned: 0, completed: 0, overdue: 0, completionRate: 0 },
    ])).toEqual([{ label: '研发', value: 50 }]);
    expect(activityBars([{ date: '2026-03-06', activeMembers: 1 }, { date: '2026-03-07', activeMembers: 2 }])).toEqual([
      { label: '3/6', value: 1 },
      { label: '3/7', value: 2 },
    ]);
    expect(departmentLabel({ id: 'cm123456', name: null, hostDeptId: '7' })).toBe('部门 7');
    expect(departmentLabel({ id: 'cm123456', name: '研发部' })).toBe('研发部');
  });
});

describe('server clock', () => {
  it('takes the server time from a Date header', () => {
    const local = Date.parse('2026-03-01T10:00:00.000Z');
    noteServerDate('Sun, 01 Mar 2026 10:01:00 GMT', local);
    expect(serverOffsetMs()).toBe(60_500);
    noteServerDate('not a date', local);
    expect(serverOffsetMs()).toBe(60_500);
    resetServerClock();
    expect(serverOffsetMs()).toBe(0);
  });
});

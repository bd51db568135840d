/** lib/community-text: what a refused write and a moderation notice say to the member, in Chinese. */
jest.mock('@tarojs/taro', () => ({ __esModule: true, default: {} }));
import { ApiError } from '../../miniapp/src/lib/api-error';
import { chineseText, writeProblem } from '../../miniapp/src/lib/community-text';
import { noticeTarget } from '../../miniapp/src/lib/notice-link';

describe('community outcomes in words', () => {
  it('explains screening refusals, suspension and restriction, pointing to the appeal page when a penalty is the cause', () => {
    expect(writeProblem(new ApiError(422, 'sensitive_content', '内容含有违禁词「赌博」，不能发布 / The text contains a prohibited word'))).toEqual({
      title: '内容未通过审核，没有发布', text: '内容含有违禁词「赌博」，不能发布', toPenalties: false,
    });
    expect(writeProblem(new ApiError(403, 'member_suspended', '账号已被暂停使用，暂时不能进行此操作 / Your account is suspended'))).toMatchObject({ title: '你的账号已被暂停使用', toPenalties: true });
    expect(writeProblem(new ApiError(403, 'posting_restricted', '你已被限制发言 / restricted'))).toMatchObject({ title: '你暂时不能发言', toPenalties: true });
    expect(writeProblem(new ApiError(500, 'internal', 'x'))).toBeNull();
    expect(writeProblem(new Error('x'))).toBeNull();
  });

  it('keeps the Chinese of bilingual notices', () => {
    expect(chineseText('你的问题已被隐藏 / Your question was hidden')).toBe('你的问题已被隐藏');
    expect(chineseText('原因 / Reason: 推广内容。如有异议，可在“我的处罚与申诉”中提出申诉 / If you disagree, appeal under “My penalties and appeals”.')).toBe('原因: 推广内容。如有异议，可在“我的处罚与申诉”中提出申诉');
    expect(chineseText('原因 / Reason: 广告，至 2026-12-10 / until 2026-12-10。如有异议 / If you disagree.')).toBe('原因: 广告，至 2026-12-10。如有异议');
    expect(chineseText('只有中文')).toBe('只有中文');
  });

  it('a hide notice opens the appeal page for that content', () => {
    expect(noticeTarget({ kind: 'moderation.hide', link: '/packages/community/pages/penalties/index?targetType=question&targetId=p1' })).toEqual({
      path: '/packages/community/pages/penalties/index', params: { targetType: 'question', targetId: 'p1' },
    });
    expect(noticeTarget({ kind: 'community.mention', link: '/packages/community/pages/post/index?id=p1' })).toEqual({ path: '/packages/community/pages/post/index', params: { id: 'p1' } });
  });
});

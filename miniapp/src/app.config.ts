/** Tab pages live in the main package; everything else in subpackages named by domain. */
export default defineAppConfig({
  pages: ['pages/home/index', 'pages/knowledge/index', 'pages/tasks/index', 'pages/me/index'],
  subPackages: [
    {
      root: 'packages/account',
      pages: [
        'pages/sign-in/index', 'pages/inbox/index', 'pages/records/index', 'pages/password/index', 'pages/phone/index',
        'pages/profile/index', 'pages/logins/index', 'pages/agreements/index', 'pages/privacy/index', 'pages/my-data/index',
        'pages/cancellation/index',
      ],
    },
    { root: 'packages/knowledge', pages: ['pages/space/index', 'pages/doc/index', 'pages/search/index'] },
    { root: 'packages/course', pages: ['pages/list/index', 'pages/detail/index', 'pages/certificate/index'] },
    { root: 'packages/exam', pages: ['pages/take/index', 'pages/result/index'] },
    { root: 'packages/common', pages: ['pages/not-found/index'] },
    { root: 'packages/community', pages: ['pages/index/index', 'pages/ask/index', 'pages/post/index', 'pages/penalties/index'] },
    {
      root: 'packages/admin',
      pages: [
        'pages/dashboard/index', 'pages/members/index', 'pages/knowledge/index', 'pages/courses/index',
        'pages/exams/index', 'pages/tasks/index', 'pages/reports/index', 'pages/settings/index',
        'pages/audit/index', 'pages/invitations/index', 'pages/messages/index', 'pages/integrity/index', 'pages/lrs/index',
        'pages/moderation/index',
      ],
    },
  ],
  preloadRule: {
    'pages/home/index': { network: 'all', packages: ['packages/course'] },
    'pages/knowledge/index': { network: 'all', packages: ['packages/knowledge'] },
  },
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#ffffff',
    navigationBarTitleText: '企学',
    navigationBarTextStyle: 'black',
    // H5 has no host navigation bar: Taro's router draws one (title, back) when this says 'default'.
    navigationStyle: 'default',
    backgroundColor: '#f5f6f8',
  },
  tabBar: {
    color: '#8a8f99',
    selectedColor: '#1f6feb',
    backgroundColor: '#ffffff',
    list: [
      { pagePath: 'pages/home/index', text: '首页', iconPath: 'assets/tab/home.png', selectedIconPath: 'assets/tab/home-active.png' },
      { pagePath: 'pages/knowledge/index', text: '知识库', iconPath: 'assets/tab/knowledge.png', selectedIconPath: 'assets/tab/knowledge-active.png' },
      { pagePath: 'pages/tasks/index', text: '任务', iconPath: 'assets/tab/tasks.png', selectedIconPath: 'assets/tab/tasks-active.png' },
      { pagePath: 'pages/me/index', text: '我的', iconPath: 'assets/tab/me.png', selectedIconPath: 'assets/tab/me-active.png' },
    ],
  },
});

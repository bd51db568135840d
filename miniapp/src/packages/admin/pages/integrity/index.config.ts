export default definePageConfig({ navigationBarTitleText: '学习异常' });

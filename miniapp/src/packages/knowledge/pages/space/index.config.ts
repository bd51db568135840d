export default definePageConfig({ navigationBarTitleText: '知识空间' });

export default definePageConfig({ navigationBarTitleText: '文档' });

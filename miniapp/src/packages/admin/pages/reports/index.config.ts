export default definePageConfig({ navigationBarTitleText: '报表与导出' });

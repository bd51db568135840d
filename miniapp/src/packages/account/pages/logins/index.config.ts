export default definePageConfig({ navigationBarTitleText: '登录记录' });

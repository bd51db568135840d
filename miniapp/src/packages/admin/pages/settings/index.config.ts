export default definePageConfig({ navigationBarTitleText: '企业设置' });

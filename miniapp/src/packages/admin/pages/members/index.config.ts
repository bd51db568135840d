export default definePageConfig({ navigationBarTitleText: '成员与管理员' });

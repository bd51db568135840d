export default definePageConfig({ navigationBarTitleText: '邀请外部成员' });

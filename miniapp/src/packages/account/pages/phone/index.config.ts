export default definePageConfig({ navigationBarTitleText: '换手机号' });

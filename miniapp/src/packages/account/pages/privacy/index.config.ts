export default definePageConfig({ navigationBarTitleText: '隐私申请' });

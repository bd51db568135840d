export default definePageConfig({ navigationBarTitleText: '消息送达' });

export default definePageConfig({ navigationBarTitleText: '企学' });

export default definePageConfig({ navigationBarTitleText: '考试与题库' });

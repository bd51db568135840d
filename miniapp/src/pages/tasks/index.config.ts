export default definePageConfig({ navigationBarTitleText: '培训任务', enablePullDownRefresh: false });

export default definePageConfig({ navigationBarTitleText: '我的处罚与申诉' });

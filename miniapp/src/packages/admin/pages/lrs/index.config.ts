// The console has its own header and side navigation: no H5 navigation bar above them (the
// mini-program keeps the host's bar, which is the only way back there).
export default definePageConfig({ navigationBarTitleText: '学习记录接口', navigationStyle: process.env.TARO_ENV === 'h5' ? 'custom' : 'default' });

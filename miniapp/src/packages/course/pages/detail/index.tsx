import { View } from '@tarojs/components';

export default function Page() {
  return <View>packages/course/pages/detail</View>;
}

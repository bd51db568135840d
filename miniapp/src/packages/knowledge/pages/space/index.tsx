import { View } from '@tarojs/components';

export default function Page() {
  return <View>packages/knowledge/pages/space</View>;
}

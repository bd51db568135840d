import { View } from '@tarojs/components';

export default function Page() {
  return <View>packages/admin/pages/tasks</View>;
}

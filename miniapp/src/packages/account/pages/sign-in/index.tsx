import { View } from '@tarojs/components';

export default function Page() {
  return <View>packages/account/pages/sign-in</View>;
}

/** 页面不存在: where an unknown app route lands (App's usePageNotFound) instead of a blank screen. */
import { Button, Text, View } from '@tarojs/components';
import { relaunch, routes } from '../../../../lib/routes';

export default function NotFound() {
  return (
    <View className='qx-state qx-state--empty' data-testid='not-found'>
      <Text className='qx-state__text'>页面不存在或已被移除</Text>
      <Button className='qx-btn qx-btn--primary' size='mini' onClick={() => relaunch(routes.home)}>
        返回首页
      </Button>
    </View>
  );
}

/**
 * The body editor of reading chapters and documents: a short Markdown-like text (lib/rich-text)
 * beside its preview. What is saved is HTML, which the server sanitises again.
 */
import { RichText, Text, View } from '@tarojs/components';
import { textToHtml } from '../../../lib/rich-text';
import { TextArea } from './fields';

export function BodyEditor({ value, onChange, testId }: { value: string; onChange: (v: string) => void; testId?: string }) {
  return (
    <View className='qx-body-editor'>
      <View className='qx-body-editor__pane'>
        <Text className='qx-form-row__hint'>「# 标题」「## 小标题」「- 列表」「**加粗**」，空行分段</Text>
        <TextArea value={value} onChange={onChange} width='100%' height='260PX' placeholder='在这里写正文' testId={testId} />
      </View>
      <View className='qx-body-editor__pane'>
        <Text className='qx-form-row__hint'>预览</Text>
        <View className='qx-body-editor__preview'>
          {value.trim() ? <RichText nodes={textToHtml(value)} /> : <Text className='qx-form-row__hint'>（空）</Text>}
        </View>
      </View>
    </View>
  );
}

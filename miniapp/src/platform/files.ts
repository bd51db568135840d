/** Mini-program variant: files come from a WeCom/WeChat chat (chooseMessageFile); downloads open in place. */
import Taro from '@tarojs/taro';

export async function pickFile(extensions: string[]): Promise<{ path: string; name: string } | null> {
  const res = await Taro.chooseMessageFile({ count: 1, type: 'file', extension: extensions });
  const f = res.tempFiles[0];
  return f ? { path: f.path, name: f.name } : null;
}

export async function saveDownload(url: string, header: Record<string, string>, _filename: string): Promise<void> {
  const res = await Taro.downloadFile({ url, header });
  await Taro.openDocument({ filePath: res.tempFilePath, showMenu: true });
}

/** Mini-program variant: files come from a WeCom/WeChat chat (chooseMessageFile); downloads open in place. */
import Taro from '@tarojs/taro';

export interface PickedFile {
  name: string;
  /** The file's bytes, read when picked. */
  data: ArrayBuffer;
}

export async function pickFile(extensions: string[]): Promise<PickedFile | null> {
  const res = await Taro.chooseMessageFile({ count: 1, type: 'file', extension: extensions });
  const f = res.tempFiles[0];
  if (!f) return null;
  const data = await new Promise<ArrayBuffer>((resolve, reject) =>
    Taro.getFileSystemManager().readFile({ filePath: f.path, success: (r) => resolve(r.data as ArrayBuffer), fail: reject }),
  );
  return { name: f.name, data };
}

export async function saveDownload(url: string, header: Record<string, string>, _filename: string): Promise<void> {
  const res = await Taro.downloadFile({ url, header });
  await Taro.openDocument({ filePath: res.tempFilePath, showMenu: true });
}

/** Uploads (Excel imports) and downloads (templates, exports) with the session token. */
import Taro from '@tarojs/taro';
import { networkError, toApiError } from '../lib/api-error';
import { saveDownload } from '../platform/files';
import { apiBase } from './http';
import { getToken } from './session';

export async function upload<T>(path: string, filePath: string, name = 'file'): Promise<T> {
  let res: Taro.uploadFile.SuccessCallbackResult;
  try {
    res = await Taro.uploadFile({ url: apiBase() + path, filePath, name, header: { Authorization: `Bearer ${getToken()}` } });
  } catch (err) {
    throw networkError(err);
  }
  let body: unknown;
  try {
    body = JSON.parse(res.data);
  } catch {
    body = undefined;
  }
  if (res.statusCode >= 200 && res.statusCode < 300) return body as T;
  throw toApiError(res.statusCode, body);
}

export function download(pathOrUrl: string, filename: string): Promise<void> {
  const url = /^https?:/.test(pathOrUrl) ? pathOrUrl : apiBase() + pathOrUrl;
  return saveDownload(url, { Authorization: `Bearer ${getToken()}` }, filename);
}

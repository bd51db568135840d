/** Uploads (Excel imports, sent as the raw request body) and downloads (templates, exports) with the session. */
import { saveDownload } from '../platform/files';
import { apiBase, request } from './http';
import { getToken } from './session';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function uploadRaw<T>(path: string, data: ArrayBuffer, contentType = XLSX): Promise<T> {
  return request<T>('POST', path, { raw: data, contentType });
}

export function download(pathOrUrl: string, filename: string): Promise<void> {
  const url = /^https?:/.test(pathOrUrl) ? pathOrUrl : apiBase() + pathOrUrl;
  return saveDownload(url, { Authorization: `Bearer ${getToken()}` }, filename);
}

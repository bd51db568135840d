/**
 * WeCom JS-SDK: only the H5 build has it (wecom.h5.ts). In the mini-program WeCom's APIs are
 * `wx.qy.*` at run time, so there is nothing to register.
 */
export async function registerWecom(): Promise<boolean> {
  return false;
}

export async function mountOpenDataName(_el: unknown, _hostId: string, _kind?: 'userName' | 'departmentName'): Promise<() => void> {
  return () => undefined;
}

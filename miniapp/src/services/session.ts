/** The signed-in session: bearer token and who it belongs to, kept in the platform's storage. */
import Taro from '@tarojs/taro';
import { DEFAULT_TIME_ZONE } from '../lib/time';

const TOKEN_KEY = 'qixue.token';
const PROFILE_KEY = 'qixue.profile';

export interface Profile {
  member: { id: string; hostUserId: string | null; name: string | null; role: 'member' | 'admin' | string };
  tenant: { id: string; name: string; edition?: string; timeZone?: string };
}

export function getToken(): string {
  try {
    return (Taro.getStorageSync(TOKEN_KEY) as string) || '';
  } catch {
    return '';
  }
}

export function getProfile(): Profile | null {
  try {
    const raw = Taro.getStorageSync(PROFILE_KEY) as string;
    return raw ? (JSON.parse(raw) as Profile) : null;
  } catch {
    return null;
  }
}

/** The enterprise's time zone (default Asia/Shanghai before the profile says otherwise). */
export function timeZone(): string {
  return getProfile()?.tenant.timeZone || DEFAULT_TIME_ZONE;
}

export function saveSession(token: string, profile: Profile): void {
  Taro.setStorageSync(TOKEN_KEY, token);
  Taro.setStorageSync(PROFILE_KEY, JSON.stringify(profile));
}

export function saveProfile(profile: Profile): void {
  Taro.setStorageSync(PROFILE_KEY, JSON.stringify(profile));
}

export function clearSession(): void {
  Taro.removeStorageSync(TOKEN_KEY);
  Taro.removeStorageSync(PROFILE_KEY);
}

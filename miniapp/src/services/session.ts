/** The signed-in session: bearer token and who it belongs to, kept in the platform's storage. */
import Taro from '@tarojs/taro';
import { DEFAULT_TIME_ZONE } from '../lib/time';

const TOKEN_KEY = 'qixue.token';
const PROFILE_KEY = 'qixue.profile';
const DEVICE_KEY = 'qixue.device';

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

/**
 * This device's id (kept across sign-outs): the server remembers the devices a person signed in
 * from and asks for an SMS code on a new one.
 */
export function deviceId(): string {
  try {
    const known = Taro.getStorageSync(DEVICE_KEY) as string;
    if (known) return known;
  } catch {
    // storage unavailable: a fresh id each time (the server then asks for a code each time)
  }
  const fresh = `d-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`;
  try {
    Taro.setStorageSync(DEVICE_KEY, fresh);
  } catch {
    // see above
  }
  return fresh;
}

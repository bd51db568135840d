/**
 * Mainland China resident ID numbers (GB 11643): 17 digits and a check character (0–9 or X)
 * computed from them. Validated before it is stored, so a typo is caught while it can still be fixed
 * (the number cannot be changed once set, 003 §3).
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

export function normalizeIdNumber(raw: string): string {
  return raw.trim().toUpperCase();
}

export function isValidIdNumber(value: string): boolean {
  if (!/^\d{17}[\dX]$/.test(value)) return false;
  const sum = WEIGHTS.reduce((acc, w, i) => acc + w * Number(value[i]), 0);
  if (CHECK[sum % 11] !== value[17]) return false;
  const month = Number(value.slice(10, 12));
  const day = Number(value.slice(12, 14));
  return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

/** 110105********1234: enough for the person to recognise, not the number. */
export const maskIdNumber = (value: string) => `${value.slice(0, 6)}********${value.slice(-4)}`;

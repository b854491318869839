import type { MemberRole } from '@gezinsplan/contracts';

/** Age in whole years on `today` from a YYYY-MM-DD birth date. */
export function ageOf(birthDate: string, today = new Date()): number {
  const [y, m, d] = birthDate.split('-').map(Number);
  let age = today.getFullYear() - y;
  if (today.getMonth() + 1 < m || (today.getMonth() + 1 === m && today.getDate() < d)) age--;
  return age;
}

/** Today as YYYY-MM-DD in local time. */
export function todayIso(today = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${today.getFullYear()}-${pad(today.getMonth() + 1)}-${pad(today.getDate())}`;
}

/** Burgerservicenummer: 9 digits that pass the 11-test (elfproef). */
export function validBsn(value: string): boolean {
  if (!/^\d{9}$/.test(value)) return false;
  const digits = [...value].map(Number);
  const sum = digits.slice(0, 8).reduce((acc, digit, i) => acc + digit * (9 - i), 0) - digits[8];
  return sum % 11 === 0;
}

/** Only the last three digits stay visible. */
export function maskBsn(value: string): string {
  return '•'.repeat(Math.max(0, value.length - 3)) + value.slice(-3);
}

/** Roles that can hold custody (gezag) of a child. */
export const ADULT_ROLES: readonly MemberRole[] = ['parent', 'carer', 'step_parent', 'foster_parent'];

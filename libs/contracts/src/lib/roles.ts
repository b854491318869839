/** The one role every user has. Professionals belong to an organisation; parents and youths to a family. */
export const ROLES = ['access_team', 'provider', 'gi', 'parent', 'youth', 'policy', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const PROFESSIONAL_ROLES: readonly Role[] = ['access_team', 'provider', 'gi', 'policy', 'admin'];
export const FAMILY_ROLES: readonly Role[] = ['parent', 'youth'];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

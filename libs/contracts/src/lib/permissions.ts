import type { Role } from './roles';

/**
 * Every API route declares exactly one of these (or is explicitly public). The web app uses the same
 * map to show exactly what the API allows. Record-level rules (which family) come on top of this.
 */
export const PERMISSIONS = {
  profileRead: 'profile:read',
  familyList: 'family:list',
  familyRead: 'family:read',
  familyUpdate: 'family:update',
  familyAccessLogRead: 'family:access-log:read',
  organisationRead: 'organisation:read',
  userRead: 'user:read',
} as const;
export type Permission = (typeof PERMISSIONS)[keyof typeof PERMISSIONS];

const P = PERMISSIONS;

export const ROLE_PERMISSIONS: Readonly<Record<Role, readonly Permission[]>> = {
  access_team: [P.profileRead, P.familyList, P.familyRead, P.familyUpdate, P.familyAccessLogRead],
  provider: [P.profileRead, P.familyList, P.familyRead, P.familyAccessLogRead],
  gi: [P.profileRead, P.familyList, P.familyRead, P.familyAccessLogRead],
  parent: [P.profileRead, P.familyList, P.familyRead, P.familyAccessLogRead],
  youth: [P.profileRead, P.familyList, P.familyRead],
  policy: [P.profileRead],
  admin: [P.profileRead, P.organisationRead, P.userRead],
};

export function hasPermission(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}

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
  familyCreate: 'family:create',
  planRead: 'plan:read',
  planEdit: 'plan:edit',
  goalPropose: 'goal:propose',
  progressWrite: 'progress:write',
  planAgree: 'plan:agree',
  versionAcknowledge: 'version:acknowledge',
  regieRead: 'regie:read',
  regieHandover: 'regie:handover',
  notificationRead: 'notification:read',
  involvementManage: 'involvement:manage',
  consentWithdraw: 'consent:withdraw',
  zrmRead: 'zrm:read',
  zrmWrite: 'zrm:write',
  familyMembersManage: 'family-members:manage',
  planClose: 'plan:close',
  commentWrite: 'comment:write',
  sharingManage: 'sharing:manage',
  organisationRead: 'organisation:read',
  userRead: 'user:read',
  organisationWrite: 'organisation:write',
  userWrite: 'user:write',
} as const;
export type Permission = (typeof PERMISSIONS)[keyof typeof PERMISSIONS];

const P = PERMISSIONS;

/** What every professional working in a family's plan may do (record-level rules come on top). */
const CASE_WORK: readonly Permission[] = [
  P.profileRead,
  P.familyList,
  P.familyRead,
  P.familyAccessLogRead,
  P.planRead,
  P.planEdit,
  P.planAgree,
  P.planClose,
  P.versionAcknowledge,
  P.regieRead,
  P.regieHandover,
  P.notificationRead,
  P.zrmRead,
  P.zrmWrite,
  P.commentWrite,
];

export const ROLE_PERMISSIONS: Readonly<Record<Role, readonly Permission[]>> = {
  // Registers families, invites organisations, records consent; usually the regisseur.
  access_team: [
    ...CASE_WORK,
    P.familyCreate,
    P.familyUpdate,
    P.familyMembersManage,
    P.involvementManage,
    P.consentWithdraw,
  ],
  // Care providers and GIs write progress on the goals they work on.
  provider: [...CASE_WORK, P.progressWrite],
  gi: [...CASE_WORK, P.progressWrite],
  parent: [
    P.profileRead,
    P.familyList,
    P.familyRead,
    P.familyAccessLogRead,
    P.planRead,
    P.goalPropose,
    P.planAgree,
    P.regieRead,
    P.regieHandover,
    P.notificationRead,
    P.consentWithdraw,
    P.zrmRead,
    P.commentWrite,
  ],
  youth: [P.profileRead, P.familyList, P.familyRead, P.planRead, P.commentWrite, P.sharingManage],
  policy: [P.profileRead],
  admin: [P.profileRead, P.organisationRead, P.userRead, P.organisationWrite, P.userWrite],
};

export function hasPermission(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}

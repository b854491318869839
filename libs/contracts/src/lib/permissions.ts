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
  allocationRead: 'allocation:read',
  /** Allocate help and change its planned fields: the access team only. */
  allocationWrite: 'allocation:write',
  /** Confirm the start and the end (with the iJw stop reason) of help allocated to your own organisation. */
  allocationConfirm: 'allocation:confirm',
  /** PATCH an allocation: the fields each role may change follow allocation:write / allocation:confirm. */
  allocationUpdate: 'allocation:update',
  evaluationRead: 'evaluation:read',
  evaluationWrite: 'evaluation:write',
  satisfactionWrite: 'satisfaction:write',
  complaintRead: 'complaint:read',
  complaintWrite: 'complaint:write',
  /** Aggregated outcome indicators only, never a person: region/municipality for policy, own organisation for providers. */
  indicatorsRead: 'indicators:read',
  /** Download everything held on you (AVG art. 15/20): parents with custody, and a youth from 16 (own data). */
  privacyExport: 'privacy:export',
  /** File a correction request (AVG art. 16) and see your requests: parents, and a youth from 12 (own data). */
  correctionRequest: 'correction:request',
  /** See and answer a family's correction requests: the family's regisseur (record-level check). */
  correctionAnswer: 'correction:answer',
  /** Break the glass: time-limited access, with a reason, to a family you are not involved with. */
  emergencyAccess: 'emergency-access:request',
  /** Close (help ended) and reopen a family's file: the regisseur or the municipality's access team. */
  familyClose: 'family:close',
  /** Ask for early destruction of the file (a parent) or of one's own data (a youth from 12). */
  destructionRequest: 'destruction:request',
  destructionRead: 'destruction:read',
  /** Grant or refuse a destruction request: the regisseur or the municipality's access team. */
  destructionDecide: 'destruction:decide',
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
  P.correctionAnswer,
  P.emergencyAccess,
];

/** Providers and GIs: progress, their own allocations, evaluations, and their own organisation's indicators. */
const PROVIDER_WORK: readonly Permission[] = [
  P.progressWrite,
  P.allocationRead,
  P.allocationConfirm,
  P.allocationUpdate,
  P.evaluationRead,
  P.evaluationWrite,
  P.satisfactionWrite,
  P.complaintRead,
  P.complaintWrite,
  P.indicatorsRead,
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
    // The directory of organisations (no case data): to involve a provider and to allocate help to it.
    P.organisationRead,
    P.allocationRead,
    P.allocationWrite,
    P.allocationUpdate,
    P.evaluationRead,
    P.evaluationWrite,
    P.satisfactionWrite,
    P.complaintRead,
    P.complaintWrite,
    P.indicatorsRead,
    P.familyClose,
    P.destructionRead,
    P.destructionDecide,
  ],
  // Care providers and GIs write progress on the goals they work on, and confirm start and end of their help.
  // Close/answer destruction only as the family's regisseur (checked per record).
  provider: [...CASE_WORK, ...PROVIDER_WORK, P.familyClose, P.destructionRead, P.destructionDecide],
  gi: [...CASE_WORK, ...PROVIDER_WORK, P.familyClose, P.destructionRead, P.destructionDecide],
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
    P.allocationRead,
    P.evaluationRead,
    P.satisfactionWrite,
    P.complaintRead,
    P.complaintWrite,
    P.privacyExport,
    P.correctionRequest,
    P.destructionRequest,
    P.destructionRead,
  ],
  youth: [
    P.profileRead,
    P.familyList,
    P.familyRead,
    P.planRead,
    P.commentWrite,
    P.sharingManage,
    P.privacyExport,
    P.correctionRequest,
    P.destructionRequest,
    P.destructionRead,
  ],
  // Aggregates only: the outcome indicators, never a family.
  policy: [P.profileRead, P.indicatorsRead],
  admin: [P.profileRead, P.organisationRead, P.userRead, P.organisationWrite, P.userWrite],
};

export function hasPermission(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}

export const FAMILY_STATUSES = ['registered', 'active', 'closed'] as const;
export type FamilyStatus = (typeof FAMILY_STATUSES)[number];

export const MEMBER_ROLES = ['parent', 'carer', 'step_parent', 'foster_parent', 'child', 'other'] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];

export interface FamilySummary {
  id: string;
  displayName: string;
  municipality: string;
  status: FamilyStatus;
  version: number;
  updatedAt: string;
  /** More than two organisations involved and no agreed plan yet: start (or join) the one plan. */
  needsOnePlan: boolean;
}

export interface FamilyMemberResponse {
  id: string;
  role: MemberRole;
  name: string;
  birthDate: string;
  /** Custody (gezag) of at least one child of the family. */
  hasCustody: boolean;
  /** The children (member ids) this member has custody of. */
  custodyOf: string[];
  /** Only for the access team, only in the family's own detail (never in lists). */
  citizenServiceNumber?: string | null;
  /** Youths from 16: whether they let their parents see their data (null: not decided, so not shared). */
  sharesWithParents: boolean | null;
}

export interface FamilyDetail extends FamilySummary {
  members: FamilyMemberResponse[];
  network: NetworkMemberResponse[];
  regisseur: { userId: string; displayName: string } | null;
  createdAt: string;
}

/** PATCH /api/families/:id — send `If-Match: "<version>"`. */
export interface UpdateFamilyRequest {
  displayName?: string;
}

export interface InvolvementResponse {
  id: string;
  organisation: { id: string; name: string; type: string };
  since: string;
  until: string | null;
  consent: {
    status: 'given' | 'pending' | 'withdrawn';
    givenBy: string | null;
    givenAt: string | null;
    withdrawnAt: string | null;
  };
}

export interface RegisterFamilyRequest {
  displayName: string;
}

export interface NotificationResponse {
  id: string;
  familyId: string | null;
  kind: string;
  message: string;
  item: { type: string; id: string } | null;
  createdAt: string;
  read: boolean;
}

export interface CreateMemberRequest {
  role: MemberRole;
  name: string;
  birthDate: string;
  /** For a parent/carer: custody of all children now in the family. */
  hasCustody?: boolean;
  /** For a parent/carer: custody of these children (member ids) only, e.g. in a blended family. */
  custodyOf?: string[];
  /** For a child: the parents/carers (member ids) who have custody. */
  custodyHolders?: string[];
  /** Burgerservicenummer (9 digits, 11-test); stored encrypted. */
  citizenServiceNumber?: string;
}

/** PUT /api/me/sharing — a youth from 16 decides whether their parents see their data. */
export interface SharingRequest {
  sharesWithParents: boolean;
}

export interface NetworkMemberResponse {
  id: string;
  name: string;
  relation: string;
  contact: string | null;
  version: number;
}

export interface CreateNetworkMemberRequest {
  name: string;
  relation: string;
  contact?: string;
}

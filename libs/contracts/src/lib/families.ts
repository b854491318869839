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
}

export interface FamilyMemberResponse {
  id: string;
  role: MemberRole;
  name: string;
  birthDate: string;
  hasCustody: boolean;
}

export interface FamilyDetail extends FamilySummary {
  members: FamilyMemberResponse[];
  regisseur: { userId: string; displayName: string } | null;
  createdAt: string;
}

/** PATCH /api/families/:id — send `If-Match: "<version>"`. */
export interface UpdateFamilyRequest {
  displayName?: string;
}

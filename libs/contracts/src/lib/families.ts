import type { PlanStatus } from './plan';

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
  /** Status of the living plan (the latest plan once all are closed); null when the family has no plan. */
  planStatus: PlanStatus | null;
  /** Open agreements past their due date in the living plan (for parents and youths: only those they may see). */
  overdueAgreements: number;
  /** Evaluation date of the living plan (YYYY-MM-DD). */
  evaluationDate: string | null;
  /** The evaluation date is within EVALUATION_DUE_DAYS (or past) and the plan is not evaluated or closed. */
  evaluationDue: boolean;
  regisseur: { userId: string; displayName: string } | null;
}

/** An evaluation is "due" from this many days before its date. */
export const EVALUATION_DUE_DAYS = 14;

/** Order of the worklist: what needs attention first (overdue, evaluation due, 1G1P1R needed, draft), or by name. */
export const WORKLIST_SORTS = ['attention', 'name'] as const;
export type WorklistSort = (typeof WORKLIST_SORTS)[number];

/**
 * Query of GET /api/families (the worklist, *mijn gezinnen*). Booleans are sent as `true`/`false`; `true`
 * keeps only families with the signal, `false` only those without it.
 */
export interface ListFamiliesQuery {
  limit?: number;
  offset?: number;
  /** Part of the family name. */
  q?: string;
  /** Municipality name (as in ZUID_LIMBURG_MUNICIPALITIES) or its CBS code, e.g. `Heerlen` or `GM0917`. */
  municipality?: string;
  planStatus?: PlanStatus;
  needsOnePlan?: boolean;
  overdue?: boolean;
  evaluationDue?: boolean;
  /** Default `attention`. */
  sort?: WorklistSort;
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

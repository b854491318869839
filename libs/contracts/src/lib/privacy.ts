import type { AccessLogEntry } from './audit';
import type { FamilyDetail, InvolvementResponse } from './families';
import type { AllocationResponse, ComplaintResponse, EvaluationResponse } from './outcomes';
import type { PlanResponse, PlanVersionResponse } from './plan';
import type { ZrmMemberOverview } from './zrm';

/** Correction requests (AVG art. 16): the family asks for wrong data to be corrected; the regisseur answers. */
export const CORRECTION_STATUSES = ['open', 'granted', 'refused'] as const;
export type CorrectionStatus = (typeof CORRECTION_STATUSES)[number];

/** What a correction request may point at (optional). */
export const CORRECTION_ITEM_TYPES = ['family', 'member', 'plan', 'goal', 'agreement', 'zrm', 'other'] as const;
export type CorrectionItemType = (typeof CORRECTION_ITEM_TYPES)[number];

export interface CreateCorrectionRequest {
  /** What is wrong, in the family's own words. */
  whatIsWrong: string;
  /** What it should be. */
  shouldBe: string;
  itemType?: CorrectionItemType;
  itemId?: string;
}

export interface AnswerCorrectionRequest {
  decision: 'granted' | 'refused';
  /** Granted: what was changed. Refused: the reason. */
  answer: string;
}

export interface CorrectionHistoryEntry {
  at: string;
  byName: string | null;
  event: 'filed' | 'granted' | 'refused';
  text: string;
}

export interface CorrectionRequestResponse {
  id: string;
  familyId: string;
  requestedBy: { userId: string; name: string | null; role: string | null };
  whatIsWrong: string;
  shouldBe: string;
  itemType: CorrectionItemType | null;
  itemId: string | null;
  status: CorrectionStatus;
  answer: string | null;
  answeredBy: string | null;
  answeredAt: string | null;
  createdAt: string;
  version: number;
  history: CorrectionHistoryEntry[];
}

/** Break the glass: a professional not involved with a family asks for time-limited access with a reason. */
export interface RequestEmergencyAccess {
  /** The citizen service number (BSN) of a member of the family. */
  citizenServiceNumber: string;
  /** That member's date of birth (YYYY-MM-DD): both must match. */
  birthDate: string;
  /** Why access is needed now; kept and shown to the family and the regisseur. */
  reason: string;
}

export interface EmergencyAccessGrant {
  id: string;
  familyId: string;
  familyName: string;
  userId: string;
  userName: string | null;
  organisation: string | null;
  reason: string;
  grantedAt: string;
  expiresAt: string;
  active: boolean;
}

/** Query of the access log: period and paging. */
export interface AccessLogQuery {
  from?: string;
  to?: string;
  order?: 'asc' | 'desc';
  limit?: number;
  offset?: number;
}

/** The machine-readable data subject access export (AVG art. 15 and 20). */
export interface PrivacyExport {
  format: 'gezinsplan-privacy-export';
  formatVersion: 1;
  exportedAt: string;
  subject: { userId: string; name: string; role: string; familyMemberId: string | null };
  family: FamilyDetail;
  involvements: InvolvementResponse[];
  /** The plan as the person may see it; each goal also carries `allProgress` (every progress note). */
  plan: PlanResponse | null;
  planVersions: PlanVersionResponse[];
  zrm: ZrmMemberOverview[];
  allocations: AllocationResponse[];
  evaluations: EvaluationResponse[];
  complaints: ComplaintResponse[];
  notifications: {
    id: string;
    kind: string;
    message: string;
    itemType: string | null;
    itemId: string | null;
    createdAt: string;
    readAt: string | null;
  }[];
  correctionRequests: CorrectionRequestResponse[];
  emergencyAccess: EmergencyAccessGrant[];
  accessLog: AccessLogEntry[];
}

/**
 * Closing a family's file, its retention period, and early destruction on request (AVG art. 17, Jeugdwet
 * art. 7.3.9). Case data of a closed file is erased automatically once its retention date has passed.
 */

/** Which retention rule applies to a closed file. */
export const RETENTION_RULES = ['youth-care', 'child-protection'] as const;
export type RetentionRule = (typeof RETENTION_RULES)[number];

/** GET /api/families/:id/retention */
export interface FamilyRetention {
  familyId: string;
  status: 'registered' | 'active' | 'closed';
  /** The family version (ETag) to send as If-Match when closing or reopening. */
  version: number;
  /** The date the help ended (YYYY-MM-DD); set when the file is closed. */
  helpEndedOn: string | null;
  closedAt: string | null;
  /** The file is the file of a child-protection measure (a GI was involved or was regisseur, or set explicitly). */
  childProtection: boolean;
  rule: RetentionRule | null;
  /** From this date the case data is erased by the retention sweep (YYYY-MM-DD); null while the file is open. */
  retentionUntil: string | null;
}

/** POST /api/families/:id/close with `If-Match: "<family version>"`. */
export interface CloseFamilyRequest {
  /** The date the help ended, not in the future (YYYY-MM-DD). */
  helpEndedOn: string;
  /**
   * Mark the file as a child-protection measure's file (30 years after the youngest youth turns 18). When
   * omitted it is derived: a GI organisation was involved or a GI professional is the regisseur.
   */
  childProtection?: boolean;
}

export const DESTRUCTION_SCOPES = ['family', 'own-data'] as const;
/** `family`: the whole file (a parent); `own-data`: the requester's own data (a youth from 12). */
export type DestructionScope = (typeof DESTRUCTION_SCOPES)[number];

export const DESTRUCTION_STATUSES = ['pending', 'granted', 'refused'] as const;
export type DestructionStatus = (typeof DESTRUCTION_STATUSES)[number];

/**
 * Why a regisseur may refuse (Jeugdwet art. 7.3.9 lid 3 / AVG art. 17 lid 3): another person's substantial
 * interest, a legal duty to keep it (a running child-protection measure), the file is needed for help still
 * running, or another reason explained in the note.
 */
export const DESTRUCTION_REFUSAL_REASONS = [
  'child-protection-measure',
  'interest-of-another',
  'legal-obligation',
  'help-ongoing',
  'other',
] as const;
export type DestructionRefusalReason = (typeof DESTRUCTION_REFUSAL_REASONS)[number];

/** POST /api/families/:id/destruction-requests (a parent, or a youth from 12 for their own data). */
export interface CreateDestructionRequest {
  /** Parents: `family` (default); youths: always `own-data`. */
  scope?: DestructionScope;
  /** Optional: why, in the requester's own words (stored encrypted). */
  explanation?: string;
}

/** POST /api/destruction-requests/:id/decision with `If-Match: "<request version>"`. */
export interface DestructionDecisionRequest {
  decision: 'granted' | 'refused';
  /** Required when refusing. */
  reasonCode?: DestructionRefusalReason;
  /** Free text for the requester; required when the reason is `other` (stored encrypted). */
  note?: string;
}

export interface DestructionRequestResponse {
  id: string;
  familyId: string;
  scope: DestructionScope;
  status: DestructionStatus;
  requesterRole: 'parent' | 'youth';
  requestedBy: { userId: string; displayName: string } | null;
  explanation: string | null;
  requestedAt: string;
  decidedAt: string | null;
  reasonCode: DestructionRefusalReason | null;
  note: string | null;
  /** Granted requests: when the data was erased (at once when granted). */
  erasedAt: string | null;
  version: number;
}

/** What one erasure removed (family scope) — for the sweep's answer and the lead's job queue. */
export interface ErasedFamily {
  familyId: string;
  reason: 'retention' | 'destruction-request';
  rule: RetentionRule | null;
  retentionUntil: string | null;
}

export interface RetentionSweepResult {
  erased: ErasedFamily[];
  /** Families whose erasure failed (left intact, retried at the next sweep). */
  failed: { familyId: string; error: string }[];
  auditRowsPurged: number;
  /** False when another instance held the sweep lock, so this run did nothing. */
  ran: boolean;
}

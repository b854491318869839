/** The living family plan (gezinsplan): sections in the family's words, goals, agreements, progress. */

export const LIFE_DOMAINS = [
  'housing',
  'finances',
  'parenting',
  'free_time',
  'physical_health',
  'mental_health',
  'family_system',
  'participation',
  'safety',
  'work',
  'education',
] as const;
export type LifeDomain = (typeof LIFE_DOMAINS)[number];

export const PLAN_STATUSES = ['draft', 'agreed', 'in_progress', 'evaluated', 'closed'] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];

export const SECTION_KINDS = ['going_well', 'worries', 'wish', 'strengths', 'safety'] as const;
export type SectionKind = (typeof SECTION_KINDS)[number];

export const OPEN_GOAL_STATUSES = ['open', 'in_progress'] as const;

export const GOAL_STATUSES = [
  'proposed',
  'open',
  'in_progress',
  'achieved',
  'partly_achieved',
  'not_achieved',
  'declined',
] as const;
export type GoalStatus = (typeof GOAL_STATUSES)[number];

export const AGREEMENT_STATUSES = ['open', 'done', 'cancelled'] as const;
export type AgreementStatus = (typeof AGREEMENT_STATUSES)[number];

export const AGREEMENT_OWNER_TYPES = ['family_member', 'network_member', 'organisation', 'professional'] as const;
export type AgreementOwnerType = (typeof AGREEMENT_OWNER_TYPES)[number];

export interface SectionResponse {
  id: string;
  kind: SectionKind;
  content: string;
  /** Organisation ids that may read this section; empty = everyone with access to the plan. */
  restrictedTo: string[];
  version: number;
}

export interface CommentResponse {
  id: string;
  text: string;
  author: { userId: string; displayName: string; role: string };
  createdAt: string;
}

export interface CreateCommentRequest {
  text: string;
}

export interface AgreementResponse {
  id: string;
  goalId: string;
  description: string;
  ownerType: AgreementOwnerType;
  ownerId: string | null;
  ownerLabel: string;
  dueDate: string | null;
  status: AgreementStatus;
  overdue: boolean;
  version: number;
  comments: CommentResponse[];
}

export interface ProgressResponse {
  id: string;
  goalId: string;
  note: string;
  score: number;
  notedOn: string;
  author: { userId: string; displayName: string; organisation: string | null };
  restrictedTo: string[];
  createdAt: string;
}

export interface GoalResponse {
  id: string;
  title: string;
  lifeDomain: LifeDomain;
  priority: number;
  targetDate: string | null;
  status: GoalStatus;
  memberIds: string[];
  zrmDomain: string | null;
  safetyCondition: boolean;
  proposedBy: string | null;
  version: number;
  agreements: AgreementResponse[];
  /** The most recent progress notes, newest first. */
  progress: ProgressResponse[];
  comments: CommentResponse[];
}

export interface PlanResponse {
  id: string;
  familyId: string;
  status: PlanStatus;
  evaluationDate: string | null;
  currentVersionNumber: number | null;
  /** Plan-level fields (status, evaluation date): send as If-Match when changing them. */
  version: number;
  /** Bumped by every change anywhere in the plan; send it when agreeing a version. */
  revision: number;
  sections: SectionResponse[];
  goals: GoalResponse[];
  updatedAt: string;
}

export interface CreateGoalRequest {
  title: string;
  lifeDomain: LifeDomain;
  targetDate?: string;
  memberIds?: string[];
  zrmDomain?: string;
  safetyCondition?: boolean;
}

export interface UpdateGoalRequest {
  title?: string;
  lifeDomain?: LifeDomain;
  priority?: number;
  targetDate?: string | null;
  status?: GoalStatus;
  memberIds?: string[];
  zrmDomain?: string | null;
  safetyCondition?: boolean;
}

export interface CreateAgreementRequest {
  description: string;
  ownerType: AgreementOwnerType;
  ownerId?: string;
  ownerLabel?: string;
  dueDate?: string;
}

export interface UpdateAgreementRequest {
  description?: string;
  dueDate?: string | null;
  status?: AgreementStatus;
}

export interface CreateProgressRequest {
  note: string;
  score: number;
  notedOn?: string;
  restrictedTo?: string[];
}

export interface UpdateSectionRequest {
  content: string;
  restrictedTo?: string[];
}

export interface UpdatePlanRequest {
  evaluationDate?: string | null;
  /** agreed -> in_progress -> evaluated -> in_progress (a new round); draft ends by agreeing, closed by closing. */
  status?: 'in_progress' | 'evaluated';
}

/** Allowed plan status changes through PATCH …/plan. */
export const PLAN_STATUS_TRANSITIONS: Readonly<Record<PlanStatus, readonly PlanStatus[]>> = {
  draft: [],
  agreed: ['in_progress'],
  in_progress: ['evaluated'],
  evaluated: ['in_progress'],
  closed: [],
};

export interface AgreeVersionRequest {
  /** The plan revision the approver looked at; 409 when the plan has changed since. */
  revision: number;
  /** Required when the regisseur approves on the family's behalf instead of a parent. */
  onBehalfReason?: string;
}

export interface PlanVersionSummary {
  number: number;
  approvedAt: string;
  approvedBy: { userId: string; displayName: string; role: string };
  onBehalfReason: string | null;
  acknowledgements: { organisationId: string; organisation: string; userId: string; acknowledgedAt: string }[];
  /** Involved organisations that have not acknowledged this version yet. */
  pendingAcknowledgements: { organisationId: string; organisation: string }[];
}

export interface PlanVersionResponse extends PlanVersionSummary {
  plan: PlanResponse;
}

export interface DiffEntry {
  item: 'plan' | 'section' | 'goal' | 'agreement';
  id: string;
  change: 'added' | 'removed' | 'changed';
  label: string;
  fields?: { field: string; before: unknown; after: unknown }[];
}

export interface PlanDiffResponse {
  from: number;
  to: number;
  changes: DiffEntry[];
}

export interface ClosePlanRequest {
  /** Why the plan ends (afronding). */
  reason: string;
  /** To whom the family is handed over (overdracht), e.g. "huisarts en wijkteam" or "geen verdere hulp". */
  handedOverTo: string;
}

/** An open agreement past its due date in a family where the caller is regisseur. */
export interface OverdueAgreementResponse extends AgreementResponse {
  familyId: string;
  familyName: string;
  goalTitle: string;
}

/**
 * GET /api/families/:id/plan/versions/:n/pdf and GET /api/families/:id/plan/pdf (the living plan): the plan as
 * a PDF (`application/pdf`, shown inline), filtered for the reader exactly like the JSON. `?lang=en` for
 * English labels; Dutch by default.
 */
export const PLAN_PDF_LANGUAGES = ['nl', 'en'] as const;
export type PlanPdfLanguage = (typeof PLAN_PDF_LANGUAGES)[number];

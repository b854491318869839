/**
 * Help allocated (inzet / toewijzing), evaluation, complaints and the outcome indicators.
 *
 * The allocation life cycle follows the national iJw messages so it can be reconciled with the municipality's
 * back-office: request (JW315), allocation (JW301), start (JW305), stop (JW307). Stop reasons are the iJw code
 * list "Reden beëindiging" (JZ588); codes 32-35 are an early end (uitval).
 */

/** Bilingual text: Dutch first (the default language), English available. */
export interface LocalizedText {
  nl: string;
  en: string;
}

// ----------------------------------------------------------------------------------------------------------
// Arrangements and the iJw life cycle
// ----------------------------------------------------------------------------------------------------------

export const ARRANGEMENT_TYPES = [
  'treatment',
  'guidance',
  'foster_care',
  'dyslexia_care',
  'supervised_contact',
  'case_direction',
  'crisis',
  'residential',
  'respite',
] as const;
export type ArrangementType = (typeof ARRANGEMENT_TYPES)[number];

export const ARRANGEMENT_LABELS: Readonly<Record<ArrangementType, LocalizedText>> = {
  treatment: { nl: 'Behandeling', en: 'Treatment' },
  guidance: { nl: 'Begeleiding', en: 'Guidance' },
  foster_care: { nl: 'Pleegzorg', en: 'Foster care' },
  dyslexia_care: { nl: 'Dyslexiezorg', en: 'Dyslexia care' },
  supervised_contact: { nl: 'Begeleide omgang na scheiding', en: 'Supervised contact after divorce' },
  case_direction: { nl: 'Casusregie', en: 'Case direction' },
  crisis: { nl: 'Crisishulp', en: 'Crisis help' },
  residential: { nl: 'Verblijf (residentieel)', en: 'Residential care' },
  respite: { nl: 'Logeeropvang (respijtzorg)', en: 'Respite care' },
};

/** Where an allocation is in its life cycle, each step named after the iJw message that reports it. */
export const ALLOCATION_STATUSES = ['requested', 'allocated', 'started', 'stopped'] as const;
export type AllocationStatus = (typeof ALLOCATION_STATUSES)[number];

export const IJW_MESSAGES: Readonly<Record<AllocationStatus, { code: string; label: LocalizedText }>> = {
  requested: { code: 'JW315', label: { nl: 'Verzoek om toewijzing', en: 'Request for allocation' } },
  allocated: { code: 'JW301', label: { nl: 'Toewijzing', en: 'Allocation' } },
  started: { code: 'JW305', label: { nl: 'Start zorg', en: 'Start of care' } },
  stopped: { code: 'JW307', label: { nl: 'Stop zorg', en: 'Stop of care' } },
};

/**
 * iJw "Reden beëindiging" (code list JZ588), sent in JW307. 31 is the regular end (volgens plan); 32-35 are an
 * early end (uitval).
 */
export const IJW_STOP_REASONS = ['02', '20', '31', '32', '33', '34', '35', '36', '37', '38', '39'] as const;
export type IjwStopReason = (typeof IJW_STOP_REASONS)[number];

export const IJW_STOP_REASON_LABELS: Readonly<Record<IjwStopReason, LocalizedText>> = {
  '02': { nl: 'Overlijden', en: 'Death' },
  '20': { nl: 'Levering is tijdelijk beëindigd', en: 'Delivery temporarily ended' },
  '31': { nl: 'Levering is volgens plan beëindigd', en: 'Delivery ended as planned' },
  '32': { nl: 'Voortijdig afgesloten, eenzijdig door cliënt', en: 'Ended early, unilaterally by the client' },
  '33': { nl: 'Voortijdig afgesloten, eenzijdig door aanbieder', en: 'Ended early, unilaterally by the provider' },
  '34': { nl: 'Voortijdig afgesloten, in overeenstemming', en: 'Ended early by mutual agreement' },
  '35': {
    nl: 'Voortijdig afgesloten, door externe omstandigheden',
    en: 'Ended early by external circumstances',
  },
  '36': { nl: 'Geïnitieerd door de gemeente', en: 'Initiated by the municipality' },
  '37': { nl: 'In verband met wijzigingsverzoek', en: 'Because of a change request' },
  '38': { nl: 'Overstap naar andere aanbieder', en: 'Moved to another provider' },
  '39': { nl: 'Uitstroom naar ander domein', en: 'Moved to another domain (Wmo, Wlz, Zvw)' },
};

/** The stop reasons that count as early termination (uitval). */
export const EARLY_TERMINATION_CODES: readonly IjwStopReason[] = ['32', '33', '34', '35'];
/** The stop reason of a regular end. */
export const REGULAR_END_CODE: IjwStopReason = '31';

// ----------------------------------------------------------------------------------------------------------
// Allocations
// ----------------------------------------------------------------------------------------------------------

export interface AllocationResponse {
  id: string;
  familyId: string;
  youth: { memberId: string; name: string };
  provider: { id: string; name: string };
  arrangement: ArrangementType;
  /** The plan goals this help serves. */
  goalIds: string[];
  /** Aanvraag. */
  requestDate: string;
  /** Beschikking. */
  decisionDate: string | null;
  startDate: string | null;
  plannedEndDate: string | null;
  endDate: string | null;
  endReason: IjwStopReason | null;
  /** End reason 32-35. */
  earlyTermination: boolean;
  status: AllocationStatus;
  /** The iJw message of the current status (JW315, JW301, JW305, JW307). */
  ijwMessage: string;
  /** Crisis help allocated while the family had no agreed plan: a plan is due by `planDueDate`. */
  crisisWithoutPlan: boolean;
  planDueDate: string | null;
  /** A plan was due and the family still has no agreed plan version. */
  planOverdue: boolean;
  /** Send as If-Match when changing the allocation. */
  version: number;
  createdAt: string;
}

/** POST /api/families/:id/allocations (access team). */
export interface CreateAllocationRequest {
  /** The child (family member) the help is for. */
  youthMemberId: string;
  /** A provider or GI organisation. */
  providerId: string;
  arrangement: ArrangementType;
  /** Goals of the family's plan (at least one; crisis help may have none yet). */
  goalIds: string[];
  requestDate: string;
  /** With a decision date the allocation is made (JW301); without it, it is a request (JW315). */
  decisionDate?: string;
  plannedEndDate?: string;
}

/**
 * PATCH /api/allocations/:allocationId with If-Match. The access team changes the planned fields
 * (requestDate, decisionDate, plannedEndDate, goalIds); the provider confirms the start (startDate) and the
 * end (endDate with endReason).
 */
export interface UpdateAllocationRequest {
  requestDate?: string;
  decisionDate?: string | null;
  plannedEndDate?: string | null;
  goalIds?: string[];
  startDate?: string;
  endDate?: string;
  endReason?: IjwStopReason;
}

// ----------------------------------------------------------------------------------------------------------
// Evaluations and complaints
// ----------------------------------------------------------------------------------------------------------

export const GOAL_OUTCOMES = ['achieved', 'partly_achieved', 'not_achieved'] as const;
export type GoalOutcome = (typeof GOAL_OUTCOMES)[number];

export const GOAL_OUTCOME_LABELS: Readonly<Record<GoalOutcome, LocalizedText>> = {
  achieved: { nl: 'Behaald', en: 'Achieved' },
  partly_achieved: { nl: 'Deels behaald', en: 'Partly achieved' },
  not_achieved: { nl: 'Niet behaald', en: 'Not achieved' },
};

export interface SatisfactionRequest {
  /** 1 (very dissatisfied) to 10 (very satisfied). */
  score: number;
  remark?: string;
}

/** POST /api/families/:id/evaluations: needs an agreed plan version; stored against the current version number. */
export interface CreateEvaluationRequest {
  evaluatedOn: string;
  goals: { goalId: string; outcome: GoalOutcome; note?: string }[];
  /** The family's satisfaction, when the professional records it with the family. */
  satisfaction?: SatisfactionRequest;
}

export interface EvaluationGoalResponse {
  goalId: string;
  title: string;
  lifeDomain: string;
  outcome: GoalOutcome;
  note: string | null;
}

export interface EvaluationResponse {
  id: string;
  familyId: string;
  planId: string;
  /** The agreed plan version this evaluation is about. */
  planVersionNumber: number;
  evaluatedOn: string;
  evaluatedBy: { userId: string; displayName: string };
  goals: EvaluationGoalResponse[];
  satisfaction: {
    score: number;
    remark: string | null;
    /** `parent`: asked of the parent in the portal; `professional`: recorded by the professional with the family. */
    recordedBy: 'parent' | 'professional';
    recordedAt: string;
  } | null;
  version: number;
  createdAt: string;
}

/** POST /api/families/:id/complaints. */
export interface CreateComplaintRequest {
  receivedOn: string;
  subject: string;
}

export interface ComplaintResponse {
  id: string;
  familyId: string;
  receivedOn: string;
  subject: string;
  registeredBy: { userId: string; displayName: string };
  createdAt: string;
}

// ----------------------------------------------------------------------------------------------------------
// Indicators
// ----------------------------------------------------------------------------------------------------------

/** No figure is shown when it is computed over fewer families than this. */
export const MIN_GROUP_SIZE = 5;

export const INDICATOR_KEYS = [
  'plan_coverage',
  'lead_time',
  'ended_without_further_help',
  'no_new_help',
  'self_sufficiency_rose',
  'goals_realised',
  'early_termination',
  'satisfaction',
  'complaints',
  'zrm_change',
  'workload',
] as const;
export type IndicatorKey = (typeof INDICATOR_KEYS)[number];

export type IndicatorUnit = 'percent' | 'days' | 'score' | 'per_100_families' | 'count' | 'ratio' | 'zrm_points';

/**
 * One number. `value` is null and `suppressed` true when it was computed over fewer than MIN_GROUP_SIZE families
 * (or over none); `groupSize` (number of families) is then null too, so a small group cannot be recognised.
 */
export interface IndicatorFigure {
  key: string;
  label: LocalizedText;
  unit: IndicatorUnit;
  value: number | null;
  groupSize: number | null;
  suppressed: boolean;
}

export interface IndicatorBreakdown {
  /** e.g. `life_domain`, `zrm_domain`, `score`, `end_reason`. */
  dimension: string;
  rows: IndicatorFigure[];
}

export interface IndicatorResponse {
  key: IndicatorKey;
  /** The number in the issue / national set, e.g. "1", "2", "3.1", "4". */
  number: string;
  title: LocalizedText;
  /** The exact definition, shown next to the figure (same text as docs/indicators.md). */
  definition: LocalizedText;
  /** The main figure first. Indicator-level group size and suppression are those of the main figure. */
  figures: IndicatorFigure[];
  groupSize: number | null;
  suppressed: boolean;
  breakdown?: IndicatorBreakdown;
}

/** Main figures that have a trend and comparisons: `<indicator key>.<figure key>`. */
export const MAIN_FIGURE_KEYS = [
  'plan_coverage.share',
  'lead_time.decision_median',
  'lead_time.decision_within_norm',
  'goals_realised.achieved',
  'early_termination.rate',
  'satisfaction.mean',
  'complaints.per_100',
] as const;
export type MainFigureKey = (typeof MAIN_FIGURE_KEYS)[number];

export interface IndicatorSeries {
  key: MainFigureKey;
  label: LocalizedText;
  unit: IndicatorUnit;
}

export interface IndicatorTrendPoint {
  /** First and last day of the month or quarter (clipped to the requested period). */
  from: string;
  to: string;
  /** e.g. "2026-03" or "2026-Q1". */
  label: string;
  /** One figure per MAIN_FIGURE_KEYS entry, with suppression per cell. */
  values: Record<MainFigureKey, IndicatorFigure>;
}

export interface IndicatorComparisonRow {
  /** Municipality name, or provider organisation id. */
  key: string;
  label: string;
  values: Record<MainFigureKey, IndicatorFigure>;
}

export interface IndicatorFilters {
  from: string;
  to: string;
  municipality: string | null;
  provider: string | null;
  arrangement: ArrangementType | null;
}

/** GET /api/indicators?from=&to=&municipality=&provider=&arrangement=&interval= */
export interface IndicatorsResponse {
  /** The filters applied, after scoping (a provider always sees its own organisation only). */
  filters: IndicatorFilters;
  /** Whose figures: the whole region, one municipality, or one provider. */
  scope: 'region' | 'municipality' | 'provider';
  norms: { decisionWorkingDays: number; noNewHelpMonths: number; minGroupSize: number };
  generatedAt: string;
  /** When the figures were computed: just before generatedAt, or earlier when they come from the short-lived cache. */
  figuresAsOf: string;
  indicators: IndicatorResponse[];
  series: IndicatorSeries[];
  trend: { interval: 'month' | 'quarter'; points: IndicatorTrendPoint[] };
  byMunicipality: IndicatorComparisonRow[];
  byProvider: IndicatorComparisonRow[];
}

export interface IndicatorsQuery {
  from?: string;
  to?: string;
  municipality?: string;
  provider?: string;
  arrangement?: ArrangementType;
  interval?: 'month' | 'quarter';
}

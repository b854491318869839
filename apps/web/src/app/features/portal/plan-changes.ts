import type { AgreementResponse, GoalResponse, PlanResponse, SectionResponse } from '@gezinsplan/contracts';

/**
 * What changed in the living plan since the last agreed version. The API's diff endpoint compares two agreed
 * versions only; the living plan is not a version yet, so the portal compares the agreed snapshot with the
 * plan as the reader sees it now. Same rules as the API's diff: content only, progress and comments are
 * history and do not count. Both sides are already filtered for this reader by the API.
 */
export type PlanChange =
  | { kind: 'evaluationDate'; before: string | null; after: string | null }
  | { kind: 'section'; section: SectionResponse }
  | { kind: 'goal'; change: 'added' | 'removed'; goal: GoalResponse }
  | { kind: 'goalChanged'; goal: GoalResponse; before: GoalResponse; fields: GoalField[] }
  | { kind: 'agreement'; change: 'added' | 'removed'; agreement: AgreementResponse }
  | { kind: 'agreementChanged'; agreement: AgreementResponse; before: AgreementResponse; fields: AgreementField[] };

const GOAL_FIELDS = [
  'title',
  'lifeDomain',
  'priority',
  'targetDate',
  'status',
  'memberIds',
  'zrmDomain',
  'safetyCondition',
] as const;
export type GoalField = (typeof GOAL_FIELDS)[number];

const AGREEMENT_FIELDS = ['description', 'ownerLabel', 'dueDate', 'status'] as const;
export type AgreementField = (typeof AGREEMENT_FIELDS)[number];

export function planChanges(agreed: PlanResponse, now: PlanResponse): PlanChange[] {
  const out: PlanChange[] = [];
  if (agreed.evaluationDate !== now.evaluationDate) {
    out.push({ kind: 'evaluationDate', before: agreed.evaluationDate, after: now.evaluationDate });
  }
  const oldSections = new Map(agreed.sections.map((s) => [s.id, s]));
  for (const section of now.sections) {
    const was = oldSections.get(section.id);
    if (!was ? section.content.trim() !== '' : was.content !== section.content) out.push({ kind: 'section', section });
  }

  const oldGoals = new Map(agreed.goals.map((g) => [g.id, g]));
  const newGoals = new Map(now.goals.map((g) => [g.id, g]));
  for (const goal of now.goals) {
    const before = oldGoals.get(goal.id);
    if (!before) {
      out.push({ kind: 'goal', change: 'added', goal });
      continue;
    }
    const fields = GOAL_FIELDS.filter((f) => !same(before[f], goal[f]));
    if (fields.length) out.push({ kind: 'goalChanged', goal, before, fields });
  }
  for (const goal of agreed.goals) if (!newGoals.has(goal.id)) out.push({ kind: 'goal', change: 'removed', goal });

  const agreements = (p: PlanResponse) => p.goals.flatMap((g) => g.agreements);
  const oldAgreements = new Map(agreements(agreed).map((a) => [a.id, a]));
  const newAgreements = new Map(agreements(now).map((a) => [a.id, a]));
  for (const agreement of newAgreements.values()) {
    const before = oldAgreements.get(agreement.id);
    if (!before) {
      out.push({ kind: 'agreement', change: 'added', agreement });
      continue;
    }
    const fields = AGREEMENT_FIELDS.filter((f) => !same(before[f], agreement[f]));
    if (fields.length) out.push({ kind: 'agreementChanged', agreement, before, fields });
  }
  for (const agreement of oldAgreements.values()) {
    if (!newAgreements.has(agreement.id)) out.push({ kind: 'agreement', change: 'removed', agreement });
  }
  return out;
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

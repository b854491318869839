import type { DiffEntry, PlanResponse } from '@gezinsplan/contracts';

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
const AGREEMENT_FIELDS = ['description', 'ownerLabel', 'dueDate', 'status'] as const;

/**
 * What changed between two (already reader-filtered) plan versions: items added, removed, or changed with
 * each changed field before and after. Progress notes are history, not plan content, and are not compared.
 */
export function diffPlans(before: PlanResponse, after: PlanResponse): DiffEntry[] {
  const changes: DiffEntry[] = [];
  if (before.evaluationDate !== after.evaluationDate) {
    changes.push({
      item: 'plan',
      id: after.id,
      change: 'changed',
      label: 'Plan',
      fields: [{ field: 'evaluationDate', before: before.evaluationDate, after: after.evaluationDate }],
    });
  }
  compare(changes, 'section', before.sections, after.sections, (s) => s.kind, ['content'] as const);
  compare(changes, 'goal', before.goals, after.goals, (g) => g.title, GOAL_FIELDS);
  const agreements = (p: PlanResponse) => p.goals.flatMap((g) => g.agreements);
  compare(changes, 'agreement', agreements(before), agreements(after), (a) => a.description, AGREEMENT_FIELDS);
  return changes;
}

function compare<T extends { id: string }, K extends keyof T & string>(
  out: DiffEntry[],
  item: DiffEntry['item'],
  before: T[],
  after: T[],
  label: (x: T) => string,
  fields: readonly K[],
): void {
  const old = new Map(before.map((x) => [x.id, x]));
  const now = new Map(after.map((x) => [x.id, x]));
  for (const [id, x] of now) {
    const was = old.get(id);
    if (!was) {
      out.push({ item, id, change: 'added', label: label(x) });
      continue;
    }
    const changed = fields
      .filter((f) => JSON.stringify(was[f]) !== JSON.stringify(x[f]))
      .map((f) => ({ field: f, before: was[f] as unknown, after: x[f] as unknown }));
    if (changed.length) out.push({ item, id, change: 'changed', label: label(x), fields: changed });
  }
  for (const [id, x] of old) if (!now.has(id)) out.push({ item, id, change: 'removed', label: label(x) });
}

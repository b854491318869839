import type { PlanResponse } from '@gezinsplan/contracts';
import type { Principal } from '../../common/auth/actor';

/** Who reads: the principal plus facts about them in this family that the API looked up. */
export interface Reader {
  who: Principal;
  /** Parents with custody of this family read everything of their own family's plan. */
  parentWithCustody: boolean;
  /**
   * For a parent: children whose data they may not see — all children without custody, and youths from 16
   * who have not chosen to share with their parents.
   */
  hiddenMemberIds: string[];
}

/**
 * The one filter between the stored plan (or a stored version) and a reader, used for the plan, its
 * versions and diffs alike, so restricted content cannot leak through any of them:
 * - a section or progress note restricted to named organisations reaches only those organisations and the
 *   family's parents with custody;
 * - a youth sees only goals (and their agreements) that concern them or the whole family;
 * - a parent does not see goals that concern only children whose data they may not see (no custody, or a
 *   youth from 16 who does not share with them).
 */
export function viewFor(reader: Reader, plan: PlanResponse): PlanResponse {
  const mayRead = (restrictedTo: string[]) =>
    restrictedTo.length === 0 ||
    reader.parentWithCustody ||
    (reader.who.organisationId !== null && restrictedTo.includes(reader.who.organisationId));
  const concernsReader = (memberIds: string[]) =>
    reader.who.role !== 'youth' || memberIds.length === 0 || memberIds.includes(reader.who.familyMemberId ?? '');
  const hidden = new Set(reader.hiddenMemberIds);
  const visibleToParent = (memberIds: string[]) => memberIds.length === 0 || !memberIds.every((id) => hidden.has(id));
  return {
    ...plan,
    sections: plan.sections.filter((s) => mayRead(s.restrictedTo)),
    goals: plan.goals
      .filter((g) => concernsReader(g.memberIds) && visibleToParent(g.memberIds))
      .map((g) => ({ ...g, progress: g.progress.filter((p) => mayRead(p.restrictedTo)) })),
  };
}

import {
  PLAN_STATUSES,
  WORKLIST_SORTS,
  type ListFamiliesQuery,
  type PlanStatus,
  type WorklistSort,
} from '@gezinsplan/contracts';

/** The worklist's filters as the address bar holds them (`/gezinnen?municipality=Heerlen&overdue=true`). */
export interface WorklistParams {
  q?: string;
  municipality?: string;
  planStatus?: string;
  sort?: string;
  overdue?: string;
  evaluationDue?: string;
  needsOnePlan?: string;
}

/** What the worklist asks the API for, given the address bar's filters (unknown values are left out). */
export function worklistQuery(params: WorklistParams): ListFamiliesQuery {
  return {
    limit: 200,
    q: params.q?.trim() || undefined,
    municipality: params.municipality || undefined,
    planStatus: PLAN_STATUSES.includes(params.planStatus as PlanStatus) ? (params.planStatus as PlanStatus) : undefined,
    sort: WORKLIST_SORTS.includes(params.sort as WorklistSort) ? (params.sort as WorklistSort) : 'attention',
    overdue: params.overdue === 'true' ? true : undefined,
    evaluationDue: params.evaluationDue === 'true' ? true : undefined,
    needsOnePlan: params.needsOnePlan === 'true' ? true : undefined,
  };
}

/** GET /api/families with the query in the address (booleans as `true`/`false`), one address per query. */
export function worklistUrl(query: ListFamiliesQuery): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query) as [string, string | number | boolean | undefined][])
    if (value !== undefined && value !== '') params.set(key, String(value));
  const search = params.toString();
  return search ? `/api/families?${search}` : '/api/families';
}

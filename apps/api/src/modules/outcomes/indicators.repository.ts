import { EARLY_TERMINATION_CODES } from '@gezinsplan/contracts';
import { Inject, Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { READ_DATA_SOURCE } from '../../database/read-replica.module';
import { sqlList } from '../../database/sql';

export type GroupBy = 'none' | 'municipality' | 'provider';

export interface Period {
  from: string;
  to: string;
}

export interface Scope {
  municipality: string | null;
  provider: string | null;
  arrangement: string | null;
}

/** A row of an aggregate, keyed by period number `p` (1-based) and group key `g` ('' without grouping). */
interface Keyed {
  p: number;
  g: string;
}
export interface CoverageRow extends Keyed {
  n: number;
  youths: number;
  covered: number;
}
export interface LeadRow extends Keyed {
  n_dec: number;
  decided: number;
  within_norm: number;
  dec_median: number | null;
  dec_p80: number | null;
  n_start: number;
  start_median: number | null;
  start_p80: number | null;
}
export interface EndedRow extends Keyed {
  n: number;
  ended: number;
  early: number;
  c32: number;
  c33: number;
  c34: number;
  c35: number;
  without_further: number;
  n_window: number;
  window_total: number;
  no_new: number;
}
export interface GoalsRow extends Keyed {
  domain: string | null;
  n: number;
  goals: number;
  achieved: number;
  partly: number;
  not_achieved: number;
}
export interface SatisfactionRow extends Keyed {
  score: number | null;
  n: number;
  answers: number;
  mean: number | null;
}
export interface ComplaintsRow extends Keyed {
  n: number;
  complaints: number;
}
export interface ZrmMemberRow extends Keyed {
  n: number;
  members: number;
  rose: number;
}
export interface ZrmDomainRow extends Keyed {
  domain: string | null;
  n: number;
  mean: number | null;
}
export interface WorkloadRow {
  n: number;
  with_regisseur: number;
  regisseurs: number;
  overdue_agreements: number;
  evaluations_overdue: number;
}

const GROUP_KEY: Record<GroupBy, string> = {
  none: `''`,
  municipality: 'f.municipality',
  provider: 'a.provider_organisation_id::text',
};

/**
 * The scoped allocations, the periods, the help running in each period and the families with it. Parameters:
 * $1 periods (jsonb [{from,to}]), $2 municipality, $3 provider, $4 arrangement.
 */
const base = (groupBy: GroupBy) => `
  periods AS (
    SELECT t.ord::int AS p, (t.x->>'from')::date AS p_from, (t.x->>'to')::date AS p_to
      FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS t(x, ord)),
  alloc AS (
    SELECT a.id, a.family_id, a.youth_member_id, a.provider_organisation_id, a.request_date, a.decision_date,
           a.start_date, a.end_date, a.end_reason, ${GROUP_KEY[groupBy]} AS g
      FROM allocation a JOIN family f ON f.id = a.family_id
     -- Only help that can touch a period: every use below needs request <= a period's end (decision, start and
     -- end come after the request) and no end before a period's start. Years of history stay unread.
     WHERE a.request_date <= (SELECT max(p_to) FROM periods)
       AND (a.end_date IS NULL OR a.end_date >= (SELECT min(p_from) FROM periods))
       AND ($2::text IS NULL OR f.municipality = $2)
       AND ($3::uuid IS NULL OR a.provider_organisation_id = $3)
       AND ($4::text IS NULL OR a.arrangement = $4)),
  active AS (
    SELECT pr.p, pr.p_from, pr.p_to, a.*
      FROM periods pr JOIN alloc a ON a.decision_date <= pr.p_to AND (a.end_date IS NULL OR a.end_date >= pr.p_from)),
  fams AS (SELECT DISTINCT p, p_from, p_to, family_id, g FROM active)`;

const EARLY = sqlList(EARLY_TERMINATION_CODES);

/**
 * The only place with indicator queries: set-based aggregates in PostgreSQL (percentile_cont, FILTER,
 * GROUPING SETS), never case rows in memory. Each query answers one row per (period, group).
 */
@Injectable()
export class IndicatorsRepository {
  /** A read replica when DATABASE_READ_URL is set (see read-replica.module.ts). */
  constructor(@Inject(READ_DATA_SOURCE) private readonly ds: DataSource) {}

  private run<T>(sql: string, periods: Period[], scope: Scope, extra: unknown[] = []): Promise<T[]> {
    return this.ds.query(sql, [
      JSON.stringify(periods),
      scope.municipality,
      scope.provider,
      scope.arrangement,
      ...extra,
    ]);
  }

  coverage(periods: Period[], scope: Scope, groupBy: GroupBy): Promise<CoverageRow[]> {
    return this.run(
      // "An agreed version by the end of the period" is "the family's first agreed version by then": one
      // aggregate per family instead of an index probe per (allocation, period) row.
      `WITH ${base(groupBy)},
       first_agreed AS (
         SELECT v.family_id, min(v.approved_at::date) AS agreed_on
           FROM plan_version v WHERE v.family_id IN (SELECT family_id FROM alloc) GROUP BY v.family_id)
       SELECT p, g, count(DISTINCT active.family_id)::int AS n, count(DISTINCT youth_member_id)::int AS youths,
              count(DISTINCT youth_member_id) FILTER (WHERE fa.agreed_on <= active.p_to)::int AS covered
         FROM active LEFT JOIN first_agreed fa ON fa.family_id = active.family_id GROUP BY p, g`,
      periods,
      scope,
    );
  }

  /** $5: the decision norm in working days. */
  leadTime(periods: Period[], scope: Scope, groupBy: GroupBy, normWorkingDays: number): Promise<LeadRow[]> {
    return this.run(
      `WITH ${base(groupBy)},
       req AS (
         SELECT pr.p, a.*,
                CASE WHEN a.decision_date IS NOT NULL THEN (
                  SELECT count(*) FROM generate_series(1, a.decision_date - a.request_date) AS i
                   WHERE extract(isodow FROM a.request_date + i) < 6) END AS working_days
           FROM periods pr JOIN alloc a ON a.request_date BETWEEN pr.p_from AND pr.p_to)
       SELECT p, g,
              count(DISTINCT family_id) FILTER (WHERE decision_date IS NOT NULL)::int AS n_dec,
              count(*) FILTER (WHERE decision_date IS NOT NULL)::int AS decided,
              count(*) FILTER (WHERE working_days <= $5)::int AS within_norm,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY (decision_date - request_date)::float8) AS dec_median,
              percentile_cont(0.8) WITHIN GROUP (ORDER BY (decision_date - request_date)::float8) AS dec_p80,
              count(DISTINCT family_id) FILTER (WHERE start_date IS NOT NULL)::int AS n_start,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY (start_date - request_date)::float8) AS start_median,
              percentile_cont(0.8) WITHIN GROUP (ORDER BY (start_date - request_date)::float8) AS start_p80
         FROM req GROUP BY p, g`,
      periods,
      scope,
      [normWorkingDays],
    );
  }

  /** $5: the months without new help (3.2). */
  ended(periods: Period[], scope: Scope, groupBy: GroupBy, noNewHelpMonths: number): Promise<EndedRow[]> {
    return this.run(
      `WITH ${base(groupBy)},
       ended AS (
         SELECT pr.p, a.*, (a.end_date + make_interval(months => $5::int))::date AS window_end,
                (a.end_date + make_interval(months => $5::int))::date <= current_date AS window_done
           FROM periods pr JOIN alloc a ON a.end_date BETWEEN pr.p_from AND pr.p_to)
       SELECT p, g, count(DISTINCT family_id)::int AS n, count(*)::int AS ended,
              count(*) FILTER (WHERE end_reason IN (${EARLY}))::int AS early,
              count(*) FILTER (WHERE end_reason = '32')::int AS c32,
              count(*) FILTER (WHERE end_reason = '33')::int AS c33,
              count(*) FILTER (WHERE end_reason = '34')::int AS c34,
              count(*) FILTER (WHERE end_reason = '35')::int AS c35,
              count(*) FILTER (WHERE end_reason = '31' AND NOT EXISTS (
                SELECT 1 FROM allocation o
                 WHERE o.youth_member_id = e.youth_member_id AND o.id <> e.id AND o.decision_date <= e.end_date
                   AND (o.end_date IS NULL OR o.end_date > e.end_date)))::int AS without_further,
              count(DISTINCT family_id) FILTER (WHERE window_done)::int AS n_window,
              count(*) FILTER (WHERE window_done)::int AS window_total,
              count(*) FILTER (WHERE window_done AND NOT EXISTS (
                SELECT 1 FROM allocation o
                 WHERE o.youth_member_id = e.youth_member_id AND o.id <> e.id
                   AND o.request_date > e.end_date AND o.request_date <= e.window_end))::int AS no_new
         FROM ended e GROUP BY p, g`,
      periods,
      scope,
      [noNewHelpMonths],
    );
  }

  goals(periods: Period[], scope: Scope, groupBy: GroupBy): Promise<GoalsRow[]> {
    return this.run(
      `WITH ${base(groupBy)}
       SELECT fm.p, fm.g, eg.life_domain AS domain, count(DISTINCT e.family_id)::int AS n, count(*)::int AS goals,
              count(*) FILTER (WHERE eg.outcome = 'achieved')::int AS achieved,
              count(*) FILTER (WHERE eg.outcome = 'partly_achieved')::int AS partly,
              count(*) FILTER (WHERE eg.outcome = 'not_achieved')::int AS not_achieved
         FROM fams fm
         JOIN evaluation e ON e.family_id = fm.family_id AND e.evaluated_on BETWEEN fm.p_from AND fm.p_to
         JOIN evaluation_goal eg ON eg.evaluation_id = e.id
        GROUP BY GROUPING SETS ((fm.p, fm.g), (fm.p, fm.g, eg.life_domain))`,
      periods,
      scope,
    );
  }

  satisfaction(periods: Period[], scope: Scope, groupBy: GroupBy): Promise<SatisfactionRow[]> {
    return this.run(
      `WITH ${base(groupBy)}
       SELECT fm.p, fm.g, e.satisfaction_score AS score, count(DISTINCT e.family_id)::int AS n,
              count(*)::int AS answers, avg(e.satisfaction_score)::float8 AS mean
         FROM fams fm
         JOIN evaluation e ON e.family_id = fm.family_id AND e.evaluated_on BETWEEN fm.p_from AND fm.p_to
                          AND e.satisfaction_score IS NOT NULL
        GROUP BY GROUPING SETS ((fm.p, fm.g), (fm.p, fm.g, e.satisfaction_score))`,
      periods,
      scope,
    );
  }

  complaints(periods: Period[], scope: Scope, groupBy: GroupBy): Promise<ComplaintsRow[]> {
    return this.run(
      `WITH ${base(groupBy)}
       SELECT fm.p, fm.g, count(DISTINCT fm.family_id)::int AS n, count(c.id)::int AS complaints
         FROM fams fm
         LEFT JOIN complaint c ON c.family_id = fm.family_id AND c.received_on BETWEEN fm.p_from AND fm.p_to
        GROUP BY fm.p, fm.g`,
      periods,
      scope,
    );
  }

  /** 3.3 and 7: adults with at least two assessments of one edition, the latest in the period. */
  async zrm(periods: Period[], scope: Scope): Promise<{ members: ZrmMemberRow[]; domains: ZrmDomainRow[] }> {
    const pairs = `WITH ${base('none')},
       z AS (
         SELECT fm.p, fm.p_from, fm.g, za.family_id, za.member_id, za.edition, za.assessed_on, za.created_at, za.scores
           FROM fams fm JOIN zrm_assessment za ON za.family_id = fm.family_id AND za.assessed_on <= fm.p_to),
       latest AS (SELECT DISTINCT ON (p, g, member_id) * FROM z ORDER BY p, g, member_id, assessed_on DESC, created_at DESC),
       firsts AS (
         SELECT DISTINCT ON (z.p, z.g, z.member_id) z.p, z.g, z.member_id, l.family_id,
                z.scores AS first_scores, l.scores AS last_scores
           FROM latest l
           JOIN z ON z.p = l.p AND z.g = l.g AND z.member_id = l.member_id AND z.edition = l.edition
                 AND (z.assessed_on, z.created_at) < (l.assessed_on, l.created_at)
          WHERE l.assessed_on >= l.p_from
          ORDER BY z.p, z.g, z.member_id, z.assessed_on, z.created_at),
       pairs AS (
         SELECT f.p, f.g, f.family_id, f.member_id, d.key AS domain,
                (d.value #>> '{}')::int - (f.first_scores->>d.key)::int AS delta
           FROM firsts f CROSS JOIN LATERAL jsonb_each(f.last_scores) AS d
          WHERE f.first_scores->>d.key IS NOT NULL)`;
    const [members, domains] = await Promise.all([
      this.run<ZrmMemberRow>(
        `${pairs}
         SELECT p, g, count(DISTINCT family_id)::int AS n, count(*)::int AS members,
                count(*) FILTER (WHERE total > 0)::int AS rose
           FROM (SELECT p, g, family_id, member_id, sum(delta) AS total FROM pairs GROUP BY p, g, family_id, member_id) s
          GROUP BY p, g`,
        periods,
        scope,
      ),
      this.run<ZrmDomainRow>(
        `${pairs}
         SELECT p, g, domain, count(DISTINCT family_id)::int AS n, avg(delta)::float8 AS mean
           FROM pairs GROUP BY GROUPING SETS ((p, g), (p, g, domain))`,
        periods,
        scope,
      ),
    ]);
    return { members, domains };
  }

  /** 8: a snapshot as of today of the families with a living plan within the filter. */
  async workload(scope: Scope): Promise<WorkloadRow> {
    const [row]: WorkloadRow[] = await this.ds.query(
      `WITH live AS (
         SELECT f.id, f.regisseur_user_id, p.id AS plan_id, p.evaluation_date
           FROM family f JOIN plan p ON p.family_id = f.id AND p.status <> 'closed'
          WHERE f.status <> 'closed' AND ($1::text IS NULL OR f.municipality = $1)
            AND (($2::uuid IS NULL AND $3::text IS NULL) OR EXISTS (
                  SELECT 1 FROM allocation a
                   WHERE a.family_id = f.id AND ($2::uuid IS NULL OR a.provider_organisation_id = $2)
                     AND ($3::text IS NULL OR a.arrangement = $3)
                     AND a.decision_date <= current_date AND (a.end_date IS NULL OR a.end_date >= current_date))))
       SELECT count(*)::int AS n,
              count(*) FILTER (WHERE regisseur_user_id IS NOT NULL)::int AS with_regisseur,
              count(DISTINCT regisseur_user_id)::int AS regisseurs,
              (SELECT count(*) FROM agreement ag JOIN goal g ON g.id = ag.goal_id JOIN live l ON l.plan_id = g.plan_id
                WHERE ag.status = 'open' AND ag.due_date < current_date)::int AS overdue_agreements,
              count(*) FILTER (WHERE evaluation_date < current_date AND NOT EXISTS (
                SELECT 1 FROM evaluation e WHERE e.plan_id = live.plan_id AND e.evaluated_on >= live.evaluation_date
              ))::int AS evaluations_overdue
         FROM live`,
      [scope.municipality, scope.provider, scope.arrangement],
    );
    return row;
  }

  async organisationNames(ids: string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows: { id: string; name: string }[] = await this.ds.query(
      'SELECT id, name FROM organisation WHERE id = ANY($1::uuid[])',
      [ids],
    );
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  async organisationMunicipality(id: string | null): Promise<string | null> {
    if (!id) return null;
    const [row]: { municipality: string | null }[] = await this.ds.query(
      'SELECT municipality FROM organisation WHERE id = $1',
      [id],
    );
    return row?.municipality ?? null;
  }
}

import { EVALUATION_DUE_DAYS, type PlanStatus, type WorklistSort } from '@gezinsplan/contracts';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { Principal } from '../../common/auth/actor';
import { updateIfVersion } from '../../database/versioned';
import { AccessService } from '../access/access.service';
import { FamilyEntity } from './family.entity';
import type { FamilySummarySource } from './family.mapper';

export interface WorklistQuery {
  limit: number;
  offset: number;
  q?: string;
  municipality?: string;
  planStatus?: PlanStatus;
  needsOnePlan?: boolean;
  overdue?: boolean;
  evaluationDue?: boolean;
  sort: WorklistSort;
}

interface SignalRow {
  id: string;
  needs_one_plan: boolean;
  plan_status: PlanStatus | null;
  overdue: number | string;
  evaluation_date: string | null;
  evaluation_due: boolean;
}

/**
 * The worklist signals of family alias `alias` as SQL expressions, so filters, order and the summaries use
 * one definition:
 * - needsOnePlan: more than two organisations involved (not withdrawn, not ended) and no agreed version of
 *   the living plan yet;
 * - planStatus: the living plan's status (the latest plan's once all are closed);
 * - overdue: open agreements past their due date in the living plan, counting for parents and youths only
 *   agreements of goals they may see (the same rule as `viewFor`), so a count never reveals a hidden goal;
 * - evaluationDue: the living plan's evaluation date is at most EVALUATION_DUE_DAYS away (or past) and the
 *   plan is not evaluated or closed.
 */
function signalSql(who: Principal, alias: string) {
  const goalVisible = (() => {
    switch (who.role) {
      case 'youth':
        return `(g.member_ids = '{}' OR CAST(:sigMemberId AS uuid) = ANY(g.member_ids))`;
      case 'parent':
        // Hidden for a parent: children without their custody, and youths from 16 who do not share.
        return `(g.member_ids = '{}' OR EXISTS (
                  SELECT 1 FROM unnest(g.member_ids) AS gm(member_id)
                    LEFT JOIN family_member c ON c.id = gm.member_id AND c.role = 'child'
                   WHERE c.id IS NULL
                      OR (EXISTS (SELECT 1 FROM custody k
                                   WHERE k.parent_member_id = CAST(:sigMemberId AS uuid) AND k.child_member_id = c.id)
                          AND NOT (c.birth_date <= current_date - interval '16 years'
                                   AND c.shares_with_parents IS NOT TRUE))))`;
      default:
        return 'true';
    }
  })();
  return {
    params: { sigMemberId: who.familyMemberId, sigDueDays: EVALUATION_DUE_DAYS },
    needsOnePlan: `((SELECT count(DISTINCT i.organisation_id) FROM involvement i
                      WHERE i.family_id = ${alias}.id AND i.consent_withdrawn_at IS NULL
                        AND (i.until IS NULL OR i.until >= current_date)) > 2
                    AND NOT EXISTS (SELECT 1 FROM plan p WHERE p.family_id = ${alias}.id AND p.status <> 'closed'
                                     AND p.current_version_number IS NOT NULL))`,
    planStatus: `SELECT p.status FROM plan p WHERE p.family_id = ${alias}.id
                  ORDER BY (p.status = 'closed'), p.created_at DESC LIMIT 1`,
    // Driven from the family's living plan (uq_plan_living_per_family, one probe), then its goals and their
    // agreements: a closed family costs one index probe instead of a lookup of every agreement it ever had.
    overdue: `SELECT count(*)::int FROM plan p
                JOIN goal g ON g.plan_id = p.id
                JOIN agreement a ON a.goal_id = g.id
               WHERE p.family_id = ${alias}.id AND p.status <> 'closed'
                 AND a.family_id = ${alias}.id AND a.status = 'open' AND a.due_date < current_date
                 AND ${goalVisible}`,
    evaluationDate: `SELECT p.evaluation_date::text FROM plan p WHERE p.family_id = ${alias}.id AND p.status <> 'closed'`,
    evaluationDue: `EXISTS (SELECT 1 FROM plan p WHERE p.family_id = ${alias}.id
                             AND p.status NOT IN ('evaluated', 'closed')
                             AND p.evaluation_date <= current_date + CAST(:sigDueDays AS int))`,
  };
}

function applySignals(f: FamilyEntity, r: SignalRow | undefined): void {
  f.needsOnePlan = r?.needs_one_plan ?? false;
  f.planStatus = r?.plan_status ?? null;
  f.overdueAgreements = Number(r?.overdue ?? 0);
  f.evaluationDate = r?.evaluation_date ?? null;
  f.evaluationDue = r?.evaluation_due ?? false;
}

function applyRawSignals(entities: FamilyEntity[], raw: Record<string, unknown>[]): void {
  const byId = new Map(
    raw.map((r): [string, SignalRow] => [
      r['f_id'] as string,
      {
        id: r['f_id'] as string,
        needs_one_plan: r['sig_needs_one_plan'] as boolean,
        plan_status: r['sig_plan_status'] as PlanStatus | null,
        overdue: r['sig_overdue'] as number,
        evaluation_date: r['sig_evaluation_date'] as string | null,
        evaluation_due: r['sig_evaluation_due'] as boolean,
      },
    ]),
  );
  for (const f of entities) applySignals(f, byId.get(f.id));
}

/** A worklist row as `listVisible` reads it. */
interface WorklistRow {
  id: string;
  display_name: string;
  municipality: string;
  status: FamilyEntity['status'];
  version: number;
  updated_at: Date;
  regisseur_user_id: string | null;
  regisseur_name: string | null;
  needs_one_plan: boolean;
  plan_status: PlanStatus | null;
  overdue: number;
  evaluation_date: string | null;
  evaluation_due: boolean;
}

function toWorklistFamily(r: WorklistRow): FamilySummarySource {
  return {
    id: r.id,
    displayName: r.display_name,
    municipality: r.municipality,
    status: r.status,
    version: r.version,
    updatedAt: r.updated_at,
    regisseurUserId: r.regisseur_user_id,
    regisseur:
      r.regisseur_user_id && r.regisseur_name !== null
        ? { id: r.regisseur_user_id, displayName: r.regisseur_name }
        : null,
    needsOnePlan: r.needs_one_plan,
    planStatus: r.plan_status,
    overdueAgreements: r.overdue,
    evaluationDate: r.evaluation_date,
    evaluationDue: r.evaluation_due,
  };
}

/**
 * The worklist signals of family alias `f` for professionals, from the inputs stored on `family` (kept by the
 * triggers of migration AddFamilySignals), each equal to its `signalSql` counterpart; dates are compared with
 * current_date here, so nothing stored goes stale when a day passes. `bucket(r)` is "attention rank = r"
 * (0 overdue, 1 evaluation due, 2 1G1P1R needed, 3 draft, 4 the rest) as a condition on those columns.
 */
function storedSignals() {
  const s = {
    overdue: 'f.signal_open_due < current_date',
    notOverdue: '(f.signal_open_due IS NULL OR f.signal_open_due >= current_date)',
    evaluationDue: 'f.signal_evaluation_date <= current_date + CAST(:sigDueDays AS int)',
    notEvaluationDue:
      '(f.signal_evaluation_date IS NULL OR f.signal_evaluation_date > current_date + CAST(:sigDueDays AS int))',
    needsOnePlan: 'f.signal_one_plan_until >= current_date',
    notNeedsOnePlan: '(f.signal_one_plan_until IS NULL OR f.signal_one_plan_until < current_date)',
    draft: `f.signal_plan_status = 'draft'`,
    notDraft: `(f.signal_plan_status IS NULL OR f.signal_plan_status <> 'draft')`,
  };
  const is = [s.overdue, s.evaluationDue, s.needsOnePlan, s.draft];
  const not = [s.notOverdue, s.notEvaluationDue, s.notNeedsOnePlan, s.notDraft];
  return {
    ...s,
    rank: `CASE WHEN ${s.overdue} THEN 0 WHEN ${s.evaluationDue} THEN 1 WHEN ${s.needsOnePlan} THEN 2
                WHEN ${s.draft} THEN 3 ELSE 4 END`,
    bucket: (rank: number) => [...not.slice(0, rank), ...(rank < 4 ? [is[rank]] : [])].join(' AND '),
  };
}

/** The attention ranks a filtered worklist can hold at all (a rank the filters rule out is not queried). */
function attentionRanks(q: WorklistQuery): number[] {
  return [0, 1, 2, 3, 4].filter(
    (rank) =>
      (q.overdue === undefined || q.overdue === (rank === 0)) &&
      (q.evaluationDue === undefined || (q.evaluationDue ? rank <= 1 : rank !== 1)) &&
      (q.needsOnePlan === undefined || (q.needsOnePlan ? rank <= 2 : rank !== 2)) &&
      (q.planStatus === undefined || (q.planStatus === 'draft' ? rank !== 4 : rank !== 3)),
  );
}

/** The only place with family queries. Every read goes through the access scope. */
@Injectable()
export class FamiliesRepository {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly access: AccessService,
  ) {}

  /**
   * One page of the worklist: the caller's families, filtered and ordered by the same signals the family shows.
   * Professionals: filters, order and total read the signal inputs stored on `family` (see `storedSignals`)
   * along indexes, so a page costs about the same for 700 or 70,000 visible families; only the page's own rows
   * count their overdue agreements. Parents and youths (one family, goal visibility of their own): `listExact`.
   * Both answer the same rows, order, total and signals (worklist-signals.int-spec.ts).
   */
  async listVisible(who: Principal, query: WorklistQuery): Promise<[FamilySummarySource[], number]> {
    if (who.role === 'parent' || who.role === 'youth') return this.listExact(who, query);
    const parts = await this.access.scopeParts(who, 'f');
    if (parts.length === 0) return [[], 0];
    const st = storedSignals();
    const params: Record<string, unknown> = { sigDueDays: EVALUATION_DUE_DAYS };
    for (const part of parts) Object.assign(params, part.params);
    const filters: string[] = [];
    if (query.q) {
      filters.push(`f.display_name ILIKE :q`);
      params['q'] = `%${query.q.replace(/[\\%_]/g, '\\$&')}%`;
    }
    if (query.municipality) {
      filters.push('f.municipality = :municipality');
      params['municipality'] = query.municipality;
    }
    if (query.planStatus) {
      filters.push('f.signal_plan_status = :planStatus');
      params['planStatus'] = query.planStatus;
    }
    const flag = (yes: string, no: string, value: boolean | undefined) => {
      if (value !== undefined) filters.push(value ? yes : no);
    };
    flag(st.overdue, st.notOverdue, query.overdue);
    flag(st.evaluationDue, st.notEvaluationDue, query.evaluationDue);
    flag(st.needsOnePlan, st.notNeedsOnePlan, query.needsOnePlan);
    const where = (...conds: string[]) => [...conds, ...filters].join(' AND ');

    // The parts are disjoint: the total is the sum of their counts, each along its own index.
    const [{ total }] = await this.query<{ total: number }>(
      `SELECT (${parts.map((p) => `(SELECT count(*) FROM family f WHERE ${where(p.sql)})`).join(' + ')})::int AS total`,
      params,
    );
    if (total === 0 || query.offset >= total) return [[], total];

    // Each part gives its first offset+limit rows in the page's order; the page is the merge of those.
    params['sigTake'] = query.offset + query.limit;
    params['sigLimit'] = query.limit;
    params['sigOffset'] = query.offset;
    const pick = `f.id, f.display_name`;
    const branches: string[] = [];
    for (const part of parts) {
      if (query.sort !== 'attention') {
        branches.push(`(SELECT ${pick}, 0 AS rank FROM family f WHERE ${where(part.sql)}
                         ORDER BY f.display_name, f.id LIMIT :sigTake)`);
      } else if (part.municipality === undefined) {
        branches.push(`(SELECT ${pick}, ${st.rank} AS rank FROM family f WHERE ${where(part.sql)}
                         ORDER BY rank, f.display_name, f.id LIMIT :sigTake)`);
      } else {
        // A municipality: one branch per attention rank, each along an index. Common ranks (overdue, the rest)
        // walk the municipality in name order until they have enough; draft walks the drafts in name order; the
        // rare ranks (evaluation due, 1G1P1R needed) gather their few families by date first (OFFSET 0 keeps the
        // planner from walking the whole municipality in name order for them).
        for (const rank of attentionRanks(query)) {
          const cond = where(part.sql, st.bucket(rank));
          branches.push(
            rank === 1 || rank === 2
              ? `(SELECT c.id, c.display_name, ${rank} AS rank
                    FROM (SELECT ${pick} FROM family f WHERE ${cond} OFFSET 0) c
                   ORDER BY c.display_name, c.id LIMIT :sigTake)`
              : `(SELECT ${pick}, ${rank} AS rank FROM family f WHERE ${cond}
                   ORDER BY f.display_name, f.id LIMIT :sigTake)`,
          );
        }
      }
    }
    // The page and its rows in one statement: the stored signals, plus the two values they do not hold (the
    // number of overdue agreements, counted only where there are any, and the evaluation date), one index probe
    // each. Plain rows, no entities: a page of 200 is the worklist's whole cost in memory.
    const sig = signalSql(who, 'f');
    Object.assign(params, sig.params);
    const rows = await this.query<WorklistRow>(
      `SELECT f.id, f.display_name, f.municipality, f.status, f.version, f.updated_at, f.regisseur_user_id,
              r.display_name AS regisseur_name,
              coalesce(${st.needsOnePlan}, false) AS needs_one_plan, f.signal_plan_status AS plan_status,
              CASE WHEN ${st.overdue} THEN (${sig.overdue}) ELSE 0 END AS overdue,
              (${sig.evaluationDate}) AS evaluation_date, coalesce(${st.evaluationDue}, false) AS evaluation_due
         FROM (SELECT x.id, x.rank, x.display_name FROM (${branches.join(' UNION ALL ')}) x
                ORDER BY x.rank, x.display_name, x.id LIMIT :sigLimit OFFSET :sigOffset) page
         JOIN family f ON f.id = page.id
         LEFT JOIN app_user r ON r.id = f.regisseur_user_id
        ORDER BY page.rank, page.display_name, page.id`,
      params,
    );
    return [rows.map(toWorklistFamily), total];
  }

  /**
   * The worklist computed from the signal subqueries for every visible family: for parents and youths (their
   * one family), and the reference the stored signals are tested against (worklist-signals.int-spec.ts).
   */
  async listExact(who: Principal, query: WorklistQuery): Promise<[FamilyEntity[], number]> {
    const sig = signalSql(who, 'f');
    const qb = this.ds
      .getRepository(FamilyEntity)
      .createQueryBuilder('f')
      .leftJoin('f.regisseur', 'r')
      .addSelect(['r.id', 'r.displayName'])
      .setParameters(sig.params);
    this.access.scopeFamilies(qb, who, 'f', { emergency: false });
    if (query.q) qb.andWhere(`f.display_name ILIKE :q`, { q: `%${query.q.replace(/[\\%_]/g, '\\$&')}%` });
    if (query.municipality) qb.andWhere('f.municipality = :municipality', { municipality: query.municipality });
    if (query.planStatus) qb.andWhere(`(${sig.planStatus}) = :planStatus`, { planStatus: query.planStatus });
    const flag = (expr: string, value: boolean | undefined) => {
      if (value !== undefined) qb.andWhere(value ? `(${expr})` : `NOT (${expr})`);
    };
    flag(sig.needsOnePlan, query.needsOnePlan);
    flag(`(${sig.overdue}) > 0`, query.overdue);
    flag(sig.evaluationDue, query.evaluationDue);
    const total = await qb.getCount();
    if (query.sort === 'attention') {
      qb.addSelect(
        `CASE WHEN (${sig.overdue}) > 0 THEN 0 WHEN ${sig.evaluationDue} THEN 1 WHEN ${sig.needsOnePlan} THEN 2
              WHEN (${sig.planStatus}) = 'draft' THEN 3 ELSE 4 END`,
        'attention_rank',
      ).orderBy('attention_rank', 'ASC');
    }
    // The signals of the page's families in the same statement: PostgreSQL evaluates these select-list subqueries
    // after the sort and limit, so only for the rows returned (no second query per page).
    const { entities, raw } = await qb
      .addSelect(sig.needsOnePlan, 'sig_needs_one_plan')
      .addSelect(`(${sig.planStatus})`, 'sig_plan_status')
      .addSelect(`(${sig.overdue})`, 'sig_overdue')
      .addSelect(`(${sig.evaluationDate})`, 'sig_evaluation_date')
      .addSelect(sig.evaluationDue, 'sig_evaluation_due')
      .addOrderBy('f.display_name', 'ASC')
      .addOrderBy('f.id', 'ASC')
      .limit(query.limit)
      .offset(query.offset)
      .getRawAndEntities<Record<string, unknown>>();
    applyRawSignals(entities, raw);
    return [entities, total];
  }

  /** A raw statement with TypeORM's `:name` parameters. */
  private query<T>(sql: string, params: Record<string, unknown>): Promise<T[]> {
    const [text, values] = this.ds.driver.escapeQueryWithParameters(sql, params);
    return this.ds.query(text, values);
  }

  /** The family with members and regisseur, or null when it does not exist or is not visible to `who`. */
  async findVisible(
    who: Principal,
    id: string,
    manager: EntityManager = this.ds.manager,
  ): Promise<FamilyEntity | null> {
    const qb = manager
      .getRepository(FamilyEntity)
      .createQueryBuilder('f')
      .leftJoinAndSelect('f.members', 'm')
      .leftJoinAndSelect('f.network', 'n')
      .leftJoinAndSelect('f.regisseur', 'r')
      .where('f.id = :id', { id });
    this.access.scopeFamilies(qb, who, 'f');
    const family = await qb.getOne();
    if (!family) return null;
    const members = family.members ?? [];
    const custody: { parent_member_id: string; child_member_id: string }[] = members.length
      ? await manager.query(
          'SELECT parent_member_id, child_member_id FROM custody WHERE parent_member_id = ANY($1::uuid[])',
          [members.map((m) => m.id)],
        )
      : [];
    for (const m of members) {
      m.custodyOf = custody.filter((c) => c.parent_member_id === m.id).map((c) => c.child_member_id);
    }
    return (await this.withSignals([family], who, manager))[0];
  }

  /** Sets the worklist signals (see `signalSql`) on these families, for this reader, in one query. */
  private async withSignals(
    families: FamilyEntity[],
    who: Principal,
    manager: EntityManager = this.ds.manager,
  ): Promise<FamilyEntity[]> {
    if (families.length === 0) return families;
    const sig = signalSql(who, 'f');
    const rows: SignalRow[] = await manager
      .createQueryBuilder()
      .from(FamilyEntity, 'f')
      .select('f.id', 'id')
      .addSelect(sig.needsOnePlan, 'needs_one_plan')
      .addSelect(`(${sig.planStatus})`, 'plan_status')
      .addSelect(`(${sig.overdue})`, 'overdue')
      .addSelect(`(${sig.evaluationDate})`, 'evaluation_date')
      .addSelect(sig.evaluationDue, 'evaluation_due')
      .where('f.id IN (:...ids)', { ids: families.map((f) => f.id) })
      .setParameters(sig.params)
      .getRawMany();
    const byId = new Map(rows.map((r) => [r.id, r]));
    for (const f of families) applySignals(f, byId.get(f.id));
    return families;
  }

  /** Zero rows means someone else changed it first (or it is gone). */
  updateIfVersion(
    manager: EntityManager,
    id: string,
    expectedVersion: number,
    changes: Partial<Pick<FamilyEntity, 'displayName'>>,
  ): Promise<boolean> {
    return updateIfVersion(manager, FamilyEntity, id, expectedVersion, changes);
  }
}

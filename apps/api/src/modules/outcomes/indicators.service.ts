import {
  ARRANGEMENT_LABELS,
  type IndicatorBreakdown,
  type IndicatorComparisonRow,
  type IndicatorFigure,
  type IndicatorFilters,
  type IndicatorKey,
  type IndicatorResponse,
  type IndicatorsResponse,
  type IndicatorTrendPoint,
  type LocalizedText,
  MAIN_FIGURE_KEYS,
  type MainFigureKey,
  MIN_GROUP_SIZE,
  ZRM_DOMAIN_LABELS_NL,
} from '@gezinsplan/contracts';
import { Inject, Injectable } from '@nestjs/common';
import type { Actor } from '../../common/auth/actor';
import { AppError, validationError } from '../../common/errors/app-error';
import { ENV } from '../../config/config.module';
import type { Env } from '../../config/env';
import { AuditService } from '../audit/audit.service';
import { FIGURE_LABELS, indicatorDefinitions, LIFE_DOMAIN_LABELS, type Norms } from './indicator-definitions';
import {
  type ComplaintsRow,
  type CoverageRow,
  type EndedRow,
  type GoalsRow,
  type GroupBy,
  IndicatorsRepository,
  type LeadRow,
  type Period,
  type SatisfactionRow,
  type Scope,
} from './indicators.repository';
import type { IndicatorsQueryDto } from './outcomes.dto';

/** The aggregates of one (period, group), as the repository answers them. */
interface Cell {
  coverage?: CoverageRow;
  lead?: LeadRow;
  ended?: EndedRow;
  goals: GoalsRow[];
  satisfaction: SatisfactionRow[];
  complaints?: ComplaintsRow;
}

/** Everything the answer is built from, computed in PostgreSQL (and possibly cached, see `figures`). */
interface Figures {
  total: Map<string, Cell>;
  trend: Map<string, Cell>;
  byMunicipality: Map<string, Cell>;
  byProvider: Map<string, Cell>;
  zrm: Awaited<ReturnType<IndicatorsRepository['zrm']>>;
  workload: Awaited<ReturnType<IndicatorsRepository['workload']>>;
  names: Map<string, string>;
  /** When PostgreSQL computed these figures (ISO). */
  asOf: string;
}

/** Distinct (filters, interval) kept at most; the oldest goes first. */
const MAX_CACHED_FIGURES = 200;

/** Figures of one (filters, interval): the computation, whether it finished, and a refresh under way. */
interface CachedFigures {
  at: number;
  figures: Promise<Figures>;
  ready: boolean;
  refreshing?: Promise<Figures>;
}
const MAX_TREND_POINTS = 60;
const DECIMALS: Record<string, number> = { count: 0, zrm_points: 2 };

/** One figure, suppressed (value and group size null) when computed over fewer than MIN_GROUP_SIZE families. */
export function figure(
  key: string,
  n: number | undefined,
  value: number | null,
  label?: LocalizedText,
): IndicatorFigure {
  const meta = FIGURE_LABELS[key] ?? { label: label ?? { nl: key, en: key }, unit: 'percent' as const };
  const suppressed = !n || n < MIN_GROUP_SIZE;
  const decimals = DECIMALS[meta.unit] ?? 1;
  const rounded = value === null || !Number.isFinite(value) ? null : Number(value.toFixed(decimals));
  return {
    key: key.split('.').slice(1).join('.') || key,
    label: label ?? meta.label,
    unit: meta.unit,
    value: suppressed ? null : rounded,
    groupSize: suppressed ? null : (n ?? null),
    suppressed,
  };
}

const share = (part: number | undefined, whole: number | undefined) => (whole ? (100 * (part ?? 0)) / whole : null);

/**
 * The outcome indicators for a period and filters, computed in PostgreSQL. Policy users see the region (or their
 * own municipality), the access team its own municipality, a provider or GI its own organisation only. Every read
 * is audit-logged without a family.
 */
@Injectable()
export class IndicatorsService {
  constructor(
    @Inject(ENV) private readonly env: Env,
    private readonly repo: IndicatorsRepository,
    private readonly audit: AuditService,
  ) {}

  private readonly cache = new Map<string, CachedFigures>();
  /** The answer built from each computation of figures, kept as long as the figures are (see `indicators`). */
  private readonly answers = new WeakMap<Figures, Omit<IndicatorsResponse, 'generatedAt'>>();

  private get norms(): Norms {
    return { decisionWorkingDays: this.env.DECISION_NORM_WORKING_DAYS, noNewHelpMonths: this.env.NO_NEW_HELP_MONTHS };
  }

  async indicators(
    actor: Actor,
    query: IndicatorsQueryDto,
    format: 'json' | 'csv' = 'json',
  ): Promise<IndicatorsResponse> {
    const { filters, scope: who } = await this.scope(actor, query);
    const interval = query.interval ?? (monthsBetween(filters.from, filters.to) > 24 ? 'quarter' : 'month');
    const buckets = bucketsOf(filters.from, filters.to, interval);
    if (buckets.length > MAX_TREND_POINTS) {
      throw validationError([
        {
          field: 'interval',
          messages: [`at most ${MAX_TREND_POINTS} trend points: choose quarter or a shorter period`],
        },
      ]);
    }
    const scope: Scope = {
      municipality: filters.municipality,
      provider: filters.provider,
      arrangement: filters.arrangement,
    };
    const figures = await this.figures(filters, interval, buckets, scope);
    // The answer depends only on the figures and the filters they were computed for (which also decide `scope`),
    // so it is built once per computation and shared by every reader of it: at 94 kB per answer for a region,
    // building it per request was most of the dashboard's memory churn. Shared, so never modified afterwards.
    let body = this.answers.get(figures);
    if (!body) {
      body = this.answer(filters, who, interval, buckets, figures);
      this.answers.set(figures, body);
    }
    await this.audit.record(actor, {
      resource: 'indicators',
      action: 'read',
      result: 'success',
      details: { format, ...filters },
    });
    return { ...body, generatedAt: new Date().toISOString() };
  }

  /** The answer for these figures, without `generatedAt`. */
  private answer(
    filters: IndicatorFilters,
    who: IndicatorsResponse['scope'],
    interval: IndicatorsResponse['trend']['interval'],
    buckets: Omit<IndicatorTrendPoint, 'values'>[],
    { total, trend, byMunicipality, byProvider, zrm, workload, names, asOf }: Figures,
  ): Omit<IndicatorsResponse, 'generatedAt'> {
    const cell = total.get('1|') ?? { goals: [], satisfaction: [] };
    const defs = indicatorDefinitions(this.norms);
    const ind = (key: IndicatorKey, figures: IndicatorFigure[], breakdown?: IndicatorBreakdown): IndicatorResponse => ({
      key,
      ...defs[key],
      figures,
      groupSize: figures[0].groupSize,
      suppressed: figures[0].suppressed,
      ...(breakdown ? { breakdown } : {}),
    });
    const main = mainFigures(cell);
    const { lead, ended, coverage, complaints } = cell;
    const goalsTotal = cell.goals.find((g) => g.domain === null);
    const satTotal = cell.satisfaction.find((s) => s.score === null);
    const zrmMembers = zrm.members[0];
    const zrmTotal = zrm.domains.find((d) => d.domain === null);
    const indicators: IndicatorResponse[] = [
      ind('plan_coverage', [
        main['plan_coverage.share'],
        figure('plan_coverage.youths', coverage?.n, coverage?.youths ?? null),
      ]),
      ind('lead_time', [
        main['lead_time.decision_median'],
        figure('lead_time.decision_p80', lead?.n_dec, lead?.dec_p80 ?? null),
        main['lead_time.decision_within_norm'],
        figure('lead_time.start_median', lead?.n_start, lead?.start_median ?? null),
        figure('lead_time.start_p80', lead?.n_start, lead?.start_p80 ?? null),
      ]),
      ind('ended_without_further_help', [
        figure('ended_without_further_help.share', ended?.n, share(ended?.without_further, ended?.ended)),
      ]),
      ind('no_new_help', [figure('no_new_help.share', ended?.n_window, share(ended?.no_new, ended?.window_total))]),
      ind('self_sufficiency_rose', [
        figure('self_sufficiency_rose.share', zrmMembers?.n, share(zrmMembers?.rose, zrmMembers?.members)),
      ]),
      ind(
        'goals_realised',
        [
          main['goals_realised.achieved'],
          figure('goals_realised.partly_achieved', goalsTotal?.n, share(goalsTotal?.partly, goalsTotal?.goals)),
          figure('goals_realised.not_achieved', goalsTotal?.n, share(goalsTotal?.not_achieved, goalsTotal?.goals)),
        ],
        {
          dimension: 'life_domain',
          rows: cell.goals
            .filter((g) => g.domain !== null)
            .sort((a, b) => String(a.domain).localeCompare(String(b.domain)))
            .map((g) => ({
              ...figure(
                'goals_realised.by_domain',
                g.n,
                share(g.achieved, g.goals),
                LIFE_DOMAIN_LABELS[g.domain as string],
              ),
              key: g.domain as string,
            })),
        },
      ),
      ind('early_termination', [main['early_termination.rate']], {
        dimension: 'end_reason',
        rows: (['32', '33', '34', '35'] as const).map((code) => ({
          ...figure('early_termination.by_reason', ended?.n, share(ended?.[`c${code}`], ended?.ended), {
            nl: `Reden ${code}`,
            en: `Reason ${code}`,
          }),
          key: code,
        })),
      }),
      ind('satisfaction', [main['satisfaction.mean']], {
        dimension: 'score',
        rows: Array.from({ length: 10 }, (_, i) => i + 1).map((score) => ({
          ...figure(
            'satisfaction.share',
            satTotal?.n,
            share(cell.satisfaction.find((s) => s.score === score)?.answers, satTotal?.answers),
            { nl: `Cijfer ${score}`, en: `Score ${score}` },
          ),
          key: String(score),
        })),
      }),
      ind('complaints', [
        main['complaints.per_100'],
        figure('complaints.count', complaints?.n, complaints?.complaints ?? null),
      ]),
      ind('zrm_change', [figure('zrm_change.mean', zrmTotal?.n, zrmTotal?.mean ?? null)], {
        dimension: 'zrm_domain',
        rows: zrm.domains
          .filter((d) => d.domain !== null)
          .sort((a, b) => String(a.domain).localeCompare(String(b.domain)))
          .map((d) => ({
            ...figure('zrm_change.mean', d.n, d.mean, {
              nl: ZRM_DOMAIN_LABELS_NL[d.domain as string] ?? (d.domain as string),
              en: (d.domain as string).replace(/_/g, ' '),
            }),
            key: d.domain as string,
          })),
      }),
      ind('workload', [
        figure(
          'workload.families_per_regisseur',
          workload.n,
          workload.regisseurs ? workload.with_regisseur / workload.regisseurs : null,
        ),
        figure('workload.overdue_agreements', workload.n, workload.overdue_agreements),
        figure('workload.evaluations_overdue', workload.n, workload.evaluations_overdue),
        figure('workload.families', workload.n, workload.n),
      ]),
    ];
    return {
      filters,
      scope: who,
      norms: { ...this.norms, minGroupSize: MIN_GROUP_SIZE },
      figuresAsOf: asOf,
      indicators,
      series: MAIN_FIGURE_KEYS.map((key) => ({ key, ...FIGURE_LABELS[key] })),
      trend: {
        interval,
        points: buckets.map((b, i): IndicatorTrendPoint => ({
          ...b,
          values: mainFigures(trend.get(`${i + 1}|`) ?? { goals: [], satisfaction: [] }),
        })),
      },
      byMunicipality: comparison(byMunicipality, (g) => g),
      byProvider: comparison(byProvider, (g) => names.get(g) ?? g),
    };
  }

  /**
   * The region-wide aggregates for these (already scoped) filters. With INDICATORS_CACHE_SECONDS > 0 they are
   * kept per (filters, interval): the filters are narrowed to what the caller may see before this, so equal keys
   * mean equal figures for every caller. Concurrent requests for the same key share one computation. Figures
   * older than the TTL (up to twice it) are still answered at once while one refresh computes the new ones in the
   * background (stale-while-revalidate), so a reader waits for the aggregates only on the first read of a key,
   * never when the cache turns over; `figuresAsOf` says how old they are. The audit row is written by the caller
   * on every read regardless.
   */
  private figures(filters: IndicatorFilters, interval: string, buckets: Period[], scope: Scope): Promise<Figures> {
    const ttlMs = (this.env.INDICATORS_CACHE_SECONDS ?? 0) * 1000;
    const compute = async (): Promise<Figures> => {
      const asOf = new Date().toISOString();
      const whole: Period[] = [{ from: filters.from, to: filters.to }];
      const [total, trend, byMunicipality, byProvider, zrm, workload] = await Promise.all([
        this.cells(whole, scope, 'none'),
        this.cells(buckets, scope, 'none'),
        this.cells(whole, scope, 'municipality'),
        this.cells(whole, scope, 'provider'),
        this.repo.zrm(whole, scope),
        this.repo.workload(scope),
      ]);
      const names = await this.repo.organisationNames([...byProvider.keys()].map((k) => k.split('|')[1]));
      return { total, trend, byMunicipality, byProvider, zrm, workload, names, asOf };
    };
    if (ttlMs <= 0) return compute();
    const key = JSON.stringify([filters, interval]);
    const now = Date.now();
    const hit = this.cache.get(key);
    if (hit && now - hit.at < ttlMs) return hit.figures;
    if (hit?.ready && now - hit.at < 2 * ttlMs) {
      hit.refreshing ??= this.store(key, compute, now).finally(() => (hit.refreshing = undefined));
      return hit.figures;
    }
    return this.store(key, compute, now);
  }

  /** Starts a computation and keeps it under `key` (replacing older figures once it succeeds). */
  private store(key: string, compute: () => Promise<Figures>, now: number): Promise<Figures> {
    const ttlMs = (this.env.INDICATORS_CACHE_SECONDS ?? 0) * 1000;
    for (const [k, v] of this.cache) if (now - v.at >= 2 * ttlMs && !v.refreshing) this.cache.delete(k);
    while (this.cache.size >= MAX_CACHED_FIGURES) this.cache.delete(this.cache.keys().next().value as string);
    const figures = compute();
    const previous = this.cache.get(key);
    const entry: CachedFigures = { at: now, figures, ready: false };
    // A first computation is shared at once; a refresh takes over only when it has finished.
    if (!previous?.ready) this.cache.set(key, entry);
    figures.then(
      () => {
        entry.ready = true;
        if (previous?.ready) this.cache.set(key, { ...entry, refreshing: undefined });
      },
      () => {
        if (this.cache.get(key) === entry) this.cache.delete(key);
      },
    );
    return figures;
  }

  /** Who may see which figures: the requested filters narrowed to the caller's own municipality or organisation. */
  private async scope(
    actor: Actor,
    q: IndicatorsQueryDto,
  ): Promise<{ filters: IndicatorFilters; scope: IndicatorsResponse['scope'] }> {
    const to = q.to ?? new Date().toISOString().slice(0, 10);
    const from = q.from ?? oneYearBefore(to);
    if (from > to) throw validationError([{ field: 'from', messages: ['from must be on or before to'] }]);
    let municipality = q.municipality ?? null;
    let provider = q.provider ?? null;
    if (actor.role === 'provider' || actor.role === 'gi') {
      if (provider && provider !== actor.organisationId) {
        throw new AppError(403, 'FORBIDDEN', 'You can only see the figures of your own organisation');
      }
      provider = actor.organisationId;
    } else {
      const own = await this.repo.organisationMunicipality(actor.organisationId);
      if (actor.role === 'access_team' || own) {
        if (municipality && municipality !== own) {
          throw new AppError(403, 'FORBIDDEN', 'You can only see the figures of your own municipality');
        }
        municipality = own ?? '';
      }
    }
    const filters = { from, to, municipality, provider, arrangement: q.arrangement ?? null };
    return { filters, scope: provider ? 'provider' : municipality ? 'municipality' : 'region' };
  }

  private async cells(periods: Period[], scope: Scope, groupBy: GroupBy): Promise<Map<string, Cell>> {
    const [coverage, lead, ended, goals, satisfaction, complaints] = await Promise.all([
      this.repo.coverage(periods, scope, groupBy),
      this.repo.leadTime(periods, scope, groupBy, this.env.DECISION_NORM_WORKING_DAYS),
      this.repo.ended(periods, scope, groupBy, this.env.NO_NEW_HELP_MONTHS),
      this.repo.goals(periods, scope, groupBy),
      this.repo.satisfaction(periods, scope, groupBy),
      this.repo.complaints(periods, scope, groupBy),
    ]);
    const cells = new Map<string, Cell>();
    const at = (r: { p: number; g: string }) => {
      const key = `${r.p}|${r.g}`;
      let c = cells.get(key);
      if (!c) cells.set(key, (c = { goals: [], satisfaction: [] }));
      return c;
    };
    for (const r of coverage) at(r).coverage = r;
    for (const r of lead) at(r).lead = r;
    for (const r of ended) at(r).ended = r;
    for (const r of goals) at(r).goals.push(r);
    for (const r of satisfaction) at(r).satisfaction.push(r);
    for (const r of complaints) at(r).complaints = r;
    return cells;
  }

  /** Label of an arrangement for exports. */
  static arrangementLabel(a: string | null): string {
    return a ? (ARRANGEMENT_LABELS[a as keyof typeof ARRANGEMENT_LABELS]?.nl ?? a) : '';
  }
}

function mainFigures(c: Cell): Record<MainFigureKey, IndicatorFigure> {
  const goals = c.goals.find((g) => g.domain === null);
  const sat = c.satisfaction.find((s) => s.score === null);
  return {
    'plan_coverage.share': figure('plan_coverage.share', c.coverage?.n, share(c.coverage?.covered, c.coverage?.youths)),
    'lead_time.decision_median': figure('lead_time.decision_median', c.lead?.n_dec, c.lead?.dec_median ?? null),
    'lead_time.decision_within_norm': figure(
      'lead_time.decision_within_norm',
      c.lead?.n_dec,
      share(c.lead?.within_norm, c.lead?.decided),
    ),
    'goals_realised.achieved': figure('goals_realised.achieved', goals?.n, share(goals?.achieved, goals?.goals)),
    'early_termination.rate': figure('early_termination.rate', c.ended?.n, share(c.ended?.early, c.ended?.ended)),
    'satisfaction.mean': figure('satisfaction.mean', sat?.n, sat?.mean ?? null),
    'complaints.per_100': figure(
      'complaints.per_100',
      c.complaints?.n,
      share(c.complaints?.complaints, c.complaints?.n),
    ),
  };
}

function comparison(cells: Map<string, Cell>, label: (g: string) => string): IndicatorComparisonRow[] {
  return [...cells.entries()]
    .map(([key, c]) => {
      const g = key.slice(key.indexOf('|') + 1);
      return { key: g, label: label(g), values: mainFigures(c) };
    })
    .sort((a, b) => a.label.localeCompare(b.label, 'nl'));
}

function oneYearBefore(to: string): string {
  const d = new Date(`${to}T00:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() - 1);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

function monthsBetween(from: string, to: string): number {
  const [fy, fm] = from.split('-').map(Number);
  const [ty, tm] = to.split('-').map(Number);
  return (ty - fy) * 12 + (tm - fm) + 1;
}

/** Calendar months or quarters covering [from, to], each clipped to the period. */
export function bucketsOf(
  from: string,
  to: string,
  interval: 'month' | 'quarter',
): Omit<IndicatorTrendPoint, 'values'>[] {
  const step = interval === 'month' ? 1 : 3;
  const [fy, fm] = from.split('-').map(Number);
  let y = fy;
  let m = interval === 'month' ? fm : Math.floor((fm - 1) / 3) * 3 + 1;
  const out: Omit<IndicatorTrendPoint, 'values'>[] = [];
  for (let guard = 0; guard <= MAX_TREND_POINTS * 3; guard++) {
    const start = `${y}-${String(m).padStart(2, '0')}-01`;
    if (start > to) break;
    const endDate = new Date(Date.UTC(y, m - 1 + step, 0)).toISOString().slice(0, 10);
    out.push({
      from: start < from ? from : start,
      to: endDate > to ? to : endDate,
      label: interval === 'month' ? `${y}-${String(m).padStart(2, '0')}` : `${y}-Q${(m - 1) / 3 + 1}`,
    });
    m += step;
    if (m > 12) {
      m -= 12;
      y += 1;
    }
  }
  return out;
}

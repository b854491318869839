import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { Router } from '@angular/router';
import {
  ARRANGEMENT_LABELS,
  ARRANGEMENT_TYPES,
  type ArrangementType,
  type IndicatorComparisonRow,
  type IndicatorFigure,
  type IndicatorSeries,
  type IndicatorsQuery,
  type IndicatorsResponse,
  type MainFigureKey,
  MAIN_FIGURE_KEYS,
  PERMISSIONS,
  ZUID_LIMBURG_MUNICIPALITIES,
} from '@gezinsplan/contracts';
import { catchError, firstValueFrom, of, switchMap, tap } from 'rxjs';
import { errorText } from '../../core/error-text';
import { defineTexts, fill, I18n } from '../../core/i18n';
import { Session } from '../../core/session';
import { DashboardApi } from './dashboard-api';
import { type FigureRow, FigureTable } from './figure-table';
import { formatValue, periodLabel } from './format';
import { IndicatorCard } from './indicator-card';
import { IndicatorChart } from './indicator-chart';

const TEXTS = defineTexts(
  {
    title: 'Dashboard uitkomsten jeugdhulp',
    intro:
      'Uitkomsten van de jeugdhulp in de regio: alleen totalen, nooit een gezin. Een cijfer over minder dan {min} gezinnen wordt niet getoond ("< {min}"), zodat niemand herkenbaar is.',
    region: 'Regio Zuid-Limburg',
    municipality: 'Gemeente {name}',
    provider: 'Aanbieder {name}',
    period: '{from} tot en met {to}',
    filters: 'Filters',
    from: 'Van',
    to: 'Tot en met',
    municipalityField: 'Gemeente',
    allMunicipalities: 'Hele regio',
    providerField: 'Aanbieder',
    allProviders: 'Alle aanbieders',
    arrangementField: 'Soort hulp',
    allArrangements: 'Alle soorten hulp',
    ownMunicipality: '{name} (uw eigen gemeente)',
    ownProvider: '{name} (uw eigen organisatie)',
    apply: 'Toepassen',
    reset: 'Filters wissen',
    fromAfterTo: 'De begindatum ligt na de einddatum.',
    export: 'Exporteer CSV',
    exporting: 'CSV wordt gemaakt…',
    exported: 'Het CSV-bestand {file} is opgeslagen. Het bevat de cijfers die u nu ziet.',
    exportWrongType: 'De server stuurde geen CSV-bestand. Probeer het opnieuw.',
    loading: 'Cijfers worden berekend…',
    updated: 'Cijfers bijgewerkt: {scope}, {period}.',
    indicators: 'Indicatoren',
    charts: 'Grafieken',
    chartFigure: 'Cijfer in de grafieken',
    trend: 'Trend over de tijd',
    trendMonth: 'per maand',
    trendQuarter: 'per kwartaal',
    byMunicipality: 'Vergelijking tussen gemeenten',
    byProvider: 'Vergelijking tussen aanbieders',
    showTable: 'Toon als tabel',
    trendCaption: 'Hoofdcijfers {interval}, {period}',
    municipalityCaption: 'Hoofdcijfers per gemeente, {period}',
    providerCaption: 'Hoofdcijfers per aanbieder, {period}',
    periodColumn: 'Periode',
    municipalityColumn: 'Gemeente',
    providerColumn: 'Aanbieder',
    noRows: 'Er zijn in deze periode geen gegevens om te vergelijken.',
    lineChart: 'Lijndiagram: {figure} {interval}, {first} tot en met {last}.',
    barChartMunicipality: 'Staafdiagram: {figure} per gemeente.',
    barChartProvider: 'Staafdiagram: {figure} per aanbieder.',
    highLow: 'Hoogste {high} ({highLabel}), laagste {low} ({lowLabel}).',
    oneValue: 'Eén waarde: {value} ({label}).',
    hidden: '{n} van de {total} niet getoond: minder dan {min} gezinnen.',
    noneShown: 'Geen waarden getoond: alle groepen hebben minder dan {min} gezinnen.',
    seeTable: 'Alle cijfers staan in de tabel onder de grafiek.',
    suppressedLegend: '"< {min}": berekend over minder dan {min} gezinnen en daarom niet getoond.',
    norms: 'Normen: beschikking binnen {days} werkdagen na de aanvraag; geen nieuwe hulp binnen {months} maanden.',
    generated: 'Berekend op {at}.',
    noAccess: 'Met uw rol ziet u geen uitkomstcijfers.',
  },
  {
    title: 'Youth care outcomes dashboard',
    intro:
      'Outcomes of youth care in the region: totals only, never a family. A figure about fewer than {min} families is not shown ("< {min}"), so that nobody can be recognised.',
    region: 'Region Zuid-Limburg',
    municipality: 'Municipality of {name}',
    provider: 'Provider {name}',
    period: '{from} to {to}',
    filters: 'Filters',
    from: 'From',
    to: 'To',
    municipalityField: 'Municipality',
    allMunicipalities: 'Whole region',
    providerField: 'Provider',
    allProviders: 'All providers',
    arrangementField: 'Type of help',
    allArrangements: 'All types of help',
    ownMunicipality: '{name} (your own municipality)',
    ownProvider: '{name} (your own organisation)',
    apply: 'Apply',
    reset: 'Clear filters',
    fromAfterTo: 'The start date is after the end date.',
    export: 'Export CSV',
    exporting: 'Creating CSV…',
    exported: 'The CSV file {file} has been saved. It holds the figures you see now.',
    exportWrongType: 'The server did not send a CSV file. Please try again.',
    loading: 'Computing figures…',
    updated: 'Figures updated: {scope}, {period}.',
    indicators: 'Indicators',
    charts: 'Charts',
    chartFigure: 'Figure in the charts',
    trend: 'Trend over time',
    trendMonth: 'per month',
    trendQuarter: 'per quarter',
    byMunicipality: 'Comparison between municipalities',
    byProvider: 'Comparison between providers',
    showTable: 'Show as table',
    trendCaption: 'Main figures {interval}, {period}',
    municipalityCaption: 'Main figures per municipality, {period}',
    providerCaption: 'Main figures per provider, {period}',
    periodColumn: 'Period',
    municipalityColumn: 'Municipality',
    providerColumn: 'Provider',
    noRows: 'There is no data to compare in this period.',
    lineChart: 'Line chart: {figure} {interval}, {first} to {last}.',
    barChartMunicipality: 'Bar chart: {figure} per municipality.',
    barChartProvider: 'Bar chart: {figure} per provider.',
    highLow: 'Highest {high} ({highLabel}), lowest {low} ({lowLabel}).',
    oneValue: 'One value: {value} ({label}).',
    hidden: '{n} of {total} not shown: fewer than {min} families.',
    noneShown: 'No values shown: every group has fewer than {min} families.',
    seeTable: 'All figures are in the table below the chart.',
    suppressedLegend: '"< {min}": computed over fewer than {min} families and therefore not shown.',
    norms: 'Norms: decision within {days} working days of the request; no new help within {months} months.',
    generated: 'Computed on {at}.',
    noAccess: 'Your role does not show outcome figures.',
  },
);

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const isArrangement = (v: string | undefined): v is ArrangementType =>
  (ARRANGEMENT_TYPES as readonly string[]).includes(v ?? '');
const isMainFigure = (v: string | undefined): v is MainFigureKey =>
  (MAIN_FIGURE_KEYS as readonly string[]).includes(v ?? '');

interface ChartView {
  labels: string[];
  values: (number | null)[];
  summary: string;
}

/**
 * The outcome dashboard for policy staff and provider managers: the eight indicators with their definitions,
 * a trend and comparisons between municipalities and providers, every chart with a table alternative. The
 * filters live in the URL (?van=&tot=&gemeente=&aanbieder=&soort=&cijfer=) so a view can be shared.
 */
@Component({
  selector: 'gp-dashboard-page',
  imports: [ReactiveFormsModule, IndicatorCard, IndicatorChart, FigureTable],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1>{{ t().title }}</h1>
    @if (!mayRead) {
      <p>{{ t().noAccess }}</p>
    } @else {
      <p class="intro">{{ intro() }}</p>

      <form class="filters gp-card" [formGroup]="form" (ngSubmit)="apply()" novalidate>
        <fieldset>
          <legend>{{ t().filters }}</legend>
          <div class="filters__grid">
            <div class="gp-field">
              <label for="filter-van">{{ t().from }}</label>
              <input
                id="filter-van"
                type="date"
                formControlName="from"
                [attr.aria-invalid]="rangeError() ? 'true' : null"
                [attr.aria-describedby]="rangeError() ? 'filter-periode-fout' : null"
              />
            </div>
            <div class="gp-field">
              <label for="filter-tot">{{ t().to }}</label>
              <input id="filter-tot" type="date" formControlName="to" />
            </div>
            <div class="gp-field">
              <label for="filter-gemeente">{{ t().municipalityField }}</label>
              @if (lockedMunicipality(); as own) {
                <p class="filters__fixed" id="filter-gemeente">{{ fillName(t().ownMunicipality, own) }}</p>
              } @else {
                <select id="filter-gemeente" formControlName="municipality">
                  <option value="">{{ t().allMunicipalities }}</option>
                  @for (m of municipalities; track m) {
                    <option [value]="m">{{ m }}</option>
                  }
                </select>
              }
            </div>
            <div class="gp-field">
              <label for="filter-aanbieder">{{ t().providerField }}</label>
              @if (lockedProvider(); as own) {
                <p class="filters__fixed" id="filter-aanbieder">{{ fillName(t().ownProvider, own) }}</p>
              } @else {
                <select id="filter-aanbieder" formControlName="provider">
                  <option value="">{{ t().allProviders }}</option>
                  @for (p of providers(); track p.id) {
                    <option [value]="p.id">{{ p.name }}</option>
                  }
                </select>
              }
            </div>
            <div class="gp-field">
              <label for="filter-soort">{{ t().arrangementField }}</label>
              <select id="filter-soort" formControlName="arrangement">
                <option value="">{{ t().allArrangements }}</option>
                @for (a of arrangements; track a) {
                  <option [value]="a">{{ arrangementLabel(a) }}</option>
                }
              </select>
            </div>
          </div>
          @if (rangeError()) {
            <p class="gp-field__error" id="filter-periode-fout">{{ t().fromAfterTo }}</p>
          }
          <div class="filters__actions">
            <button type="submit" class="gp-button" id="filter-toepassen">{{ t().apply }}</button>
            <button type="button" class="gp-button gp-button--secondary" (click)="reset()">{{ t().reset }}</button>
            <button
              type="button"
              class="gp-button gp-button--secondary filters__export"
              id="exporteer-csv"
              [disabled]="exporting() || !data()"
              (click)="exportCsv()"
            >
              {{ exporting() ? t().exporting : t().export }}
            </button>
          </div>
        </fieldset>
      </form>

      <div class="status" role="status" aria-live="polite">
        @if (loading()) {
          <p>{{ t().loading }}</p>
        } @else if (exportMessage(); as message) {
          <p class="gp-alert gp-alert--success">{{ message }}</p>
        } @else if (updatedMessage(); as message) {
          <p class="gp-visually-hidden">{{ message }}</p>
        }
      </div>
      @if (error(); as message) {
        <p class="gp-alert gp-alert--error" role="alert">{{ message }}</p>
      }

      @if (data(); as d) {
        <p class="scope">
          <strong>{{ scopeText() }}</strong> · {{ periodText() }}
        </p>

        <section aria-labelledby="kop-indicatoren">
          <h2 id="kop-indicatoren">{{ t().indicators }}</h2>
          <ul class="cards">
            @for (indicator of d.indicators; track indicator.key) {
              <li><gp-indicator-card [indicator]="indicator" [minGroupSize]="min()" /></li>
            }
          </ul>
        </section>

        <section aria-labelledby="kop-grafieken" class="charts">
          <h2 id="kop-grafieken">{{ t().charts }}</h2>
          <div class="gp-field chart-figure">
            <label for="grafiek-cijfer">{{ t().chartFigure }}</label>
            <select id="grafiek-cijfer" [value]="figure()" (change)="chooseFigure($event)">
              @for (s of d.series; track s.key) {
                <option [value]="s.key" [selected]="s.key === figure()">{{ s.label[lang()] }}</option>
              }
            </select>
          </div>
          <p class="gp-muted">{{ suppressedLegend() }}</p>

          <section class="gp-card chart-card" aria-labelledby="kop-trend">
            <h3 id="kop-trend">{{ t().trend }}</h3>
            @if (trendChart(); as chart) {
              <gp-indicator-chart
                kind="line"
                [labels]="chart.labels"
                [values]="chart.values"
                [unit]="series().unit"
                [seriesLabel]="series().label[lang()]"
                [summary]="chart.summary"
                [minGroupSize]="min()"
              />
            }
            <details class="table-alt">
              <summary>{{ t().showTable }}</summary>
              <gp-figure-table
                tableId="tabel-trend"
                [caption]="trendCaption()"
                [firstColumn]="t().periodColumn"
                [series]="d.series"
                [rows]="trendRows()"
                [minGroupSize]="min()"
              />
            </details>
          </section>

          <div class="comparisons">
            @for (c of comparisons(); track c.key) {
              <section class="gp-card chart-card" [attr.aria-labelledby]="'kop-' + c.key">
                <h3 [id]="'kop-' + c.key">{{ c.title }}</h3>
                @if (c.rows.length === 0) {
                  <p>{{ t().noRows }}</p>
                } @else {
                  @if (c.chart; as chart) {
                    <gp-indicator-chart
                      kind="bar"
                      [labels]="chart.labels"
                      [values]="chart.values"
                      [unit]="series().unit"
                      [seriesLabel]="series().label[lang()]"
                      [summary]="chart.summary"
                      [minGroupSize]="min()"
                    />
                  }
                  <details class="table-alt">
                    <summary>{{ t().showTable }}</summary>
                    <gp-figure-table
                      [tableId]="'tabel-' + c.key"
                      [caption]="c.caption"
                      [firstColumn]="c.column"
                      [series]="d.series"
                      [rows]="c.rows"
                      [minGroupSize]="min()"
                    />
                  </details>
                }
              </section>
            }
          </div>
        </section>

        <p class="gp-muted footnote">{{ normsText() }} {{ generatedText() }}</p>
      }
    }
  `,
  styles: `
    .intro {
      max-width: 48rem;
    }
    .filters {
      margin-bottom: var(--gp-space-3);
    }
    fieldset {
      border: 0;
      margin: 0;
      padding: 0;
      min-width: 0;
    }
    legend {
      font-weight: 700;
      font-size: 1.25rem;
      padding: 0;
      margin-bottom: var(--gp-space-2);
    }
    .filters__grid {
      display: grid;
      gap: 0 var(--gp-space-3);
      grid-template-columns: repeat(auto-fill, minmax(13rem, 1fr));
    }
    .filters__fixed {
      margin: 0;
      min-height: 44px;
      display: flex;
      align-items: center;
    }
    .filters__actions {
      display: flex;
      flex-wrap: wrap;
      gap: var(--gp-space-2);
    }
    .filters__export {
      margin-left: auto;
    }
    .status p {
      margin: 0 0 var(--gp-space-3);
    }
    .scope {
      font-size: 1.125rem;
    }
    .cards {
      list-style: none;
      margin: 0;
      padding: 0;
      display: grid;
      gap: var(--gp-space-3);
      grid-template-columns: repeat(auto-fill, minmax(min(100%, 34rem), 1fr));
    }
    .charts {
      margin-top: var(--gp-space-5);
    }
    .chart-figure {
      max-width: 26rem;
    }
    .chart-card {
      margin-bottom: var(--gp-space-3);
    }
    .chart-card h3 {
      margin-top: 0;
    }
    .comparisons {
      display: grid;
      gap: var(--gp-space-3);
      grid-template-columns: repeat(auto-fit, minmax(min(100%, 30rem), 1fr));
    }
    .comparisons .chart-card {
      margin-bottom: 0;
    }
    .table-alt {
      margin-top: var(--gp-space-2);
    }
    .table-alt summary {
      cursor: pointer;
      color: var(--gp-color-primary);
      text-decoration: underline;
      min-height: 44px;
      display: flex;
      align-items: center;
    }
    .footnote {
      margin-top: var(--gp-space-4);
    }
  `,
})
export class DashboardPage {
  /** Query parameters (withComponentInputBinding). */
  readonly van = input<string>();
  readonly tot = input<string>();
  readonly gemeente = input<string>();
  readonly aanbieder = input<string>();
  readonly soort = input<string>();
  readonly cijfer = input<string>();

  private readonly api = inject(DashboardApi);
  private readonly router = inject(Router);
  private readonly session = inject(Session);
  protected readonly i18n = inject(I18n);
  protected readonly t = this.i18n.texts(TEXTS);
  protected readonly lang = this.i18n.lang;
  protected readonly mayRead = this.session.can(PERMISSIONS.indicatorsRead);

  protected readonly municipalities = ZUID_LIMBURG_MUNICIPALITIES;
  protected readonly arrangements = ARRANGEMENT_TYPES;

  protected readonly form = new FormGroup({
    from: new FormControl('', { nonNullable: true }),
    to: new FormControl('', { nonNullable: true }),
    municipality: new FormControl('', { nonNullable: true }),
    provider: new FormControl('', { nonNullable: true }),
    arrangement: new FormControl('', { nonNullable: true }),
  });

  protected readonly data = signal<IndicatorsResponse | null>(null);
  protected readonly loading = signal(true);
  protected readonly error = signal<string | null>(null);
  protected readonly rangeError = signal(false);
  protected readonly exporting = signal(false);
  protected readonly exportMessage = signal<string | null>(null);
  /** Filters the API fixed for this user (an access team's municipality, a provider's own organisation). */
  protected readonly lockedMunicipality = signal<string | null>(null);
  protected readonly lockedProvider = signal<string | null>(null);
  /** Providers seen in the comparisons, for the provider filter (the API names them; no extra call needed). */
  private readonly knownProviders = signal<ReadonlyMap<string, string>>(new Map());

  /** The filters as applied (from the URL); exactly what is shown and exported. */
  private readonly query = computed<IndicatorsQuery>(() => ({
    from: DATE.test(this.van() ?? '') ? this.van() : undefined,
    to: DATE.test(this.tot() ?? '') ? this.tot() : undefined,
    municipality: this.gemeente() || undefined,
    provider: this.aanbieder() || undefined,
    arrangement: this.arrangementParam(),
  }));

  private arrangementParam(): ArrangementType | undefined {
    const a = this.soort();
    return isArrangement(a) ? a : undefined;
  }

  protected readonly trendRows = computed<FigureRow[]>(() =>
    (this.data()?.trend.points ?? []).map((p) => ({ key: p.label, label: this.period(p.label), values: p.values })),
  );

  protected readonly figure = computed<MainFigureKey>(() => {
    const c = this.cijfer();
    return isMainFigure(c) ? c : 'plan_coverage.share';
  });
  protected readonly min = computed(() => this.data()?.norms.minGroupSize ?? 5);
  protected readonly series = computed<IndicatorSeries>(
    () =>
      this.data()?.series.find((s) => s.key === this.figure()) ?? {
        key: this.figure(),
        label: { nl: this.figure(), en: this.figure() },
        unit: 'percent',
      },
  );
  protected readonly providers = computed(() =>
    [...this.knownProviders()].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name)),
  );

  protected readonly intro = computed(() => fill(this.t().intro, { min: this.min() }));
  protected readonly suppressedLegend = computed(() => fill(this.t().suppressedLegend, { min: this.min() }));
  protected readonly scopeText = computed(() => {
    const d = this.data();
    if (!d) return '';
    const f = d.filters;
    const parts: string[] = [];
    if (f.provider) parts.push(fill(this.t().provider, { name: this.providerName(f.provider) }));
    if (f.municipality) parts.push(fill(this.t().municipality, { name: f.municipality }));
    if (parts.length === 0) parts.push(this.t().region);
    if (f.arrangement) parts.push(this.arrangementLabel(f.arrangement));
    return parts.join(' · ');
  });
  protected readonly periodText = computed(() => {
    const f = this.data()?.filters;
    return f ? fill(this.t().period, { from: this.i18n.date(f.from), to: this.i18n.date(f.to) }) : '';
  });
  protected readonly updatedMessage = computed(() =>
    this.data() ? fill(this.t().updated, { scope: this.scopeText(), period: this.periodText() }) : null,
  );
  protected readonly trendCaption = computed(() => {
    const interval = this.data()?.trend.interval === 'quarter' ? this.t().trendQuarter : this.t().trendMonth;
    return fill(this.t().trendCaption, { interval, period: this.periodText() });
  });
  protected readonly normsText = computed(() => {
    const n = this.data()?.norms;
    return n ? fill(this.t().norms, { days: n.decisionWorkingDays, months: n.noNewHelpMonths }) : '';
  });
  protected readonly generatedText = computed(() => {
    const d = this.data();
    return d ? fill(this.t().generated, { at: this.i18n.dateTime(d.figuresAsOf) }) : '';
  });

  protected readonly trendChart = computed<ChartView | null>(() => {
    const d = this.data();
    if (!d) return null;
    const key = this.figure();
    const labels = d.trend.points.map((p) => this.period(p.label));
    const values = d.trend.points.map((p) => this.plotValue(p.values[key]));
    const interval = d.trend.interval === 'quarter' ? this.t().trendQuarter : this.t().trendMonth;
    const head = fill(this.t().lineChart, {
      figure: this.series().label[this.lang()],
      interval,
      first: labels[0] ?? '',
      last: labels[labels.length - 1] ?? '',
    });
    return { labels, values, summary: this.summarise(head, labels, values) };
  });
  /** The two comparisons (between municipalities, between providers): one bar chart and one table each. */
  protected readonly comparisons = computed(() => {
    const d = this.data();
    if (!d) return [];
    const t = this.t();
    const period = { period: this.periodText() };
    return [
      {
        key: 'gemeenten',
        title: t.byMunicipality,
        column: t.municipalityColumn,
        rows: d.byMunicipality,
        caption: fill(t.municipalityCaption, period),
        chart: this.comparisonChart(d.byMunicipality, t.barChartMunicipality),
      },
      {
        key: 'aanbieders',
        title: t.byProvider,
        column: t.providerColumn,
        rows: d.byProvider,
        caption: fill(t.providerCaption, period),
        chart: this.comparisonChart(d.byProvider, t.barChartProvider),
      },
    ];
  });

  constructor() {
    toObservable(this.query)
      .pipe(
        tap(() => {
          this.loading.set(true);
          this.error.set(null);
        }),
        switchMap((q) =>
          this.mayRead
            ? this.api.indicators(q).pipe(
                tap((res) => this.learn(q, res)),
                catchError((err: unknown) => {
                  this.error.set(errorText(err, this.i18n.lang()));
                  return of(null);
                }),
              )
            : of(null),
        ),
        takeUntilDestroyed(),
      )
      .subscribe((res) => {
        this.loading.set(false);
        this.data.set(res);
        if (res) {
          this.form.setValue({
            from: res.filters.from,
            to: res.filters.to,
            municipality: this.lockedMunicipality() ? '' : (res.filters.municipality ?? ''),
            provider: this.lockedProvider() ? '' : (res.filters.provider ?? ''),
            arrangement: res.filters.arrangement ?? '',
          });
        }
      });
  }

  protected apply(): void {
    const v = this.form.getRawValue();
    const invalid = v.from !== '' && v.to !== '' && v.from > v.to;
    this.rangeError.set(invalid);
    if (invalid) {
      document.getElementById('filter-van')?.focus();
      return;
    }
    this.exportMessage.set(null);
    void this.router.navigate([], {
      queryParams: {
        van: v.from || null,
        tot: v.to || null,
        gemeente: v.municipality || null,
        aanbieder: v.provider || null,
        soort: v.arrangement || null,
        cijfer: this.cijfer() || null,
      },
    });
  }

  protected reset(): void {
    this.rangeError.set(false);
    this.exportMessage.set(null);
    void this.router.navigate([], { queryParams: { cijfer: this.cijfer() || null } });
  }

  protected chooseFigure(event: Event): void {
    const value = (event.target as HTMLSelectElement).value;
    void this.router.navigate([], {
      queryParams: { cijfer: value === 'plan_coverage.share' ? null : value },
      queryParamsHandling: 'merge',
      replaceUrl: true,
    });
  }

  /** Saves exactly the figures on screen (same filters) as a CSV file through a temporary object URL. */
  protected async exportCsv(): Promise<void> {
    this.exporting.set(true);
    this.exportMessage.set(null);
    this.error.set(null);
    try {
      const res = await firstValueFrom(this.api.exportCsv(this.query()));
      const type = res.headers.get('Content-Type') ?? '';
      if (!type.startsWith('text/csv') || !res.body) {
        this.error.set(this.t().exportWrongType);
        return;
      }
      const file = /filename="([^"]+)"/.exec(res.headers.get('Content-Disposition') ?? '')?.[1] ?? 'indicatoren.csv';
      const url = URL.createObjectURL(res.body);
      const link = document.createElement('a');
      link.href = url;
      link.download = file;
      link.hidden = true;
      document.body.appendChild(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 1000);
      this.exportMessage.set(fill(this.t().exported, { file }));
    } catch (err) {
      this.error.set(errorText(err, this.i18n.lang()));
    } finally {
      this.exporting.set(false);
    }
  }

  protected fillName(text: string, name: string): string {
    return fill(text, { name });
  }

  protected arrangementLabel(a: ArrangementType): string {
    return ARRANGEMENT_LABELS[a][this.lang()];
  }

  protected period(label: string): string {
    return periodLabel(this.i18n, label);
  }

  private providerName(id: string): string {
    const own = this.session.user()?.organisation;
    return this.knownProviders().get(id) ?? (own?.id === id ? own.name : id);
  }

  private plotValue(figure: IndicatorFigure | undefined): number | null {
    return figure && !figure.suppressed ? figure.value : null;
  }

  private comparisonChart(rows: IndicatorComparisonRow[], title: string): ChartView | null {
    if (rows.length === 0) return null;
    const key = this.figure();
    const labels = rows.map((r) => r.label);
    const values = rows.map((r) => this.plotValue(r.values[key]));
    const head = fill(title, { figure: this.series().label[this.lang()] });
    return { labels, values, summary: this.summarise(head, labels, values) };
  }

  /** The chart's accessible name: what it shows, the highest and lowest value, and what is left out. */
  private summarise(head: string, labels: string[], values: (number | null)[]): string {
    const t = this.t();
    const unit = this.series().unit;
    const min = this.min();
    const shown = values.flatMap((v, i) => (v === null ? [] : [{ v, label: labels[i] }]));
    const parts = [head];
    if (shown.length === 0) {
      parts.push(fill(t.noneShown, { min }));
    } else {
      const high = shown.reduce((a, b) => (b.v > a.v ? b : a));
      const low = shown.reduce((a, b) => (b.v < a.v ? b : a));
      const format = (v: number) => formatValue(this.i18n, unit, v, min);
      parts.push(
        shown.length === 1
          ? fill(t.oneValue, { value: format(high.v), label: high.label })
          : fill(t.highLow, { high: format(high.v), highLabel: high.label, low: format(low.v), lowLabel: low.label }),
      );
      if (shown.length < values.length) {
        parts.push(fill(t.hidden, { n: values.length - shown.length, total: values.length, min }));
      }
    }
    parts.push(t.seeTable);
    return parts.join(' ');
  }

  /** Remembers provider names for the filter and which filters the API fixed for this user. */
  private learn(q: IndicatorsQuery, res: IndicatorsResponse): void {
    const providers = new Map(this.knownProviders());
    for (const row of res.byProvider) providers.set(row.key, row.label);
    this.knownProviders.set(providers);
    if (!q.municipality && res.filters.municipality) this.lockedMunicipality.set(res.filters.municipality);
    if (!q.provider && res.filters.provider) this.lockedProvider.set(this.providerName(res.filters.provider));
  }
}

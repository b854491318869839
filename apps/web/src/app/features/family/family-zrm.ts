import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  type ElementRef,
  afterRenderEffect,
  computed,
  inject,
  input,
  viewChild,
} from '@angular/core';
import { ZRM_DOMAINS, type ZrmMemberOverview } from '@gezinsplan/contracts';
import { Chart } from 'chart.js/auto';
import { defineTexts, fill, I18n } from '../../core/i18n';
import { LabelsService } from '../../shared/labels';

const TEXTS = defineTexts(
  {
    title: 'Zelfredzaamheid (ZRM)',
    intro: 'Scores per domein, van 1 (acute problemen) tot 5 (volledig zelfredzaam).',
    none: 'Er zijn nog geen ZRM-metingen.',
    noAssessments: 'Voor {name} is nog niet gemeten.',
    chartLabel: 'Staafgrafiek van de ZRM-scores van {name} per domein, op {dates}. Dezelfde cijfers staan in de tabel.',
    tableCaption: 'ZRM-scores van {name} per meting',
    domain: 'Domein',
    change: 'Verandering',
    score: 'Score',
    suggested: 'Voorgestelde volgorde van aanpak (laagste score eerst): {domains}.',
    measuredBy: 'gemeten door {name}',
  },
  {
    title: 'Self-sufficiency (ZRM)',
    intro: 'Scores per domain, from 1 (acute problems) to 5 (fully self-sufficient).',
    none: 'There are no ZRM assessments yet.',
    noAssessments: '{name} has not been assessed yet.',
    chartLabel: 'Bar chart of the ZRM scores of {name} per domain, on {dates}. The same figures are in the table.',
    tableCaption: 'ZRM scores of {name} per assessment',
    domain: 'Domain',
    change: 'Change',
    score: 'Score',
    suggested: 'Suggested order of approach (lowest score first): {domains}.',
    measuredBy: 'assessed by {name}',
  },
);

/** Light (oldest) to dark (latest) blue, so the newest assessment stands out; the legend names each date. */
const COLOURS = ['#c9d9ec', '#a3c0e0', '#7ba3cf', '#4f7fb3', '#2b5f95', '#154273'];

@Component({
  selector: 'gp-zrm-member',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="member">
      <h3>{{ overview().name }}</h3>
      @if (overview().assessments.length === 0) {
        <p class="gp-muted">{{ fill(t().noAssessments, { name: overview().name }) }}</p>
      } @else {
        <div class="chart">
          <canvas #canvas role="img" [attr.aria-label]="chartLabel()"></canvas>
        </div>
        <div
          class="scroll"
          tabindex="0"
          role="region"
          [attr.aria-label]="fill(t().tableCaption, { name: overview().name })"
        >
          <table class="gp-table zrm-table">
            <caption class="gp-visually-hidden">
              {{
                fill(t().tableCaption, { name: overview().name })
              }}
            </caption>
            <thead>
              <tr>
                <th scope="col">{{ t().domain }}</th>
                @for (a of assessments(); track a.id) {
                  <th scope="col" class="num">{{ i18n.shortDate(a.assessedOn) }}</th>
                }
                @if (overview().changeSinceFirst) {
                  <th scope="col" class="num">{{ t().change }}</th>
                }
              </tr>
            </thead>
            <tbody>
              @for (domain of domains(); track domain) {
                <tr>
                  <th scope="row">{{ labels.zrmDomain(domain) }}</th>
                  @for (a of assessments(); track a.id) {
                    <td class="num">{{ a.scores[domain] ?? '–' }}</td>
                  }
                  @if (overview().changeSinceFirst; as change) {
                    <td class="num" [class.up]="(change[domain] ?? 0) > 0" [class.down]="(change[domain] ?? 0) < 0">
                      {{ signed(change[domain]) }}
                    </td>
                  }
                </tr>
              }
            </tbody>
          </table>
        </div>
        @if (overview().suggestedOrder.length > 0) {
          <p class="gp-muted">{{ fill(t().suggested, { domains: suggested() }) }}</p>
        }
      }
    </div>
  `,
  styles: `
    .member {
      border-top: 1px solid var(--gp-color-border);
      padding-top: var(--gp-space-2);
    }
    .chart {
      position: relative;
      height: 18rem;
      margin-bottom: var(--gp-space-3);
    }
    .scroll {
      overflow-x: auto;
    }
    .num {
      text-align: right;
    }
    .up {
      color: var(--gp-color-success);
      font-weight: 700;
    }
    .down {
      color: var(--gp-color-error);
      font-weight: 700;
    }
  `,
})
export class ZrmMember {
  readonly overview = input.required<ZrmMemberOverview>();
  protected readonly i18n = inject(I18n);
  protected readonly t = this.i18n.texts(TEXTS);
  protected readonly labels = inject(LabelsService);
  protected readonly fill = fill;
  private readonly canvas = viewChild<ElementRef<HTMLCanvasElement>>('canvas');
  private chart: Chart | null = null;

  /** Oldest first, so the chart and table read as a timeline. */
  protected readonly assessments = computed(() =>
    [...this.overview().assessments].sort((a, b) => a.assessedOn.localeCompare(b.assessedOn)),
  );
  protected readonly domains = computed(() => {
    const latest = this.assessments().at(-1);
    return latest ? ZRM_DOMAINS[latest.edition] : [];
  });
  protected readonly chartLabel = computed(() =>
    fill(this.t().chartLabel, {
      name: this.overview().name,
      dates: this.assessments()
        .map((a) => this.i18n.date(a.assessedOn))
        .join(', '),
    }),
  );
  protected readonly suggested = computed(() =>
    this.overview()
      .suggestedOrder.slice(0, 3)
      .map((s) => `${this.labels.zrmDomain(s.domain)} (${s.score})`)
      .join(', '),
  );

  constructor() {
    afterRenderEffect(() => {
      const canvas = this.canvas()?.nativeElement;
      const assessments = this.assessments();
      const domains = this.domains();
      const labels = domains.map((d) => this.labels.zrmDomain(d));
      const t = this.t();
      this.chart?.destroy();
      this.chart = null;
      if (!canvas) return;
      this.chart = new Chart(canvas, {
        type: 'bar',
        data: {
          labels,
          datasets: assessments.map((a, i) => ({
            label: this.i18n.shortDate(a.assessedOn),
            data: domains.map((d) => a.scores[d] ?? 0),
            backgroundColor: COLOURS[Math.max(0, COLOURS.length - assessments.length + i)],
            borderColor: '#154273',
            borderWidth: 1,
          })),
        },
        options: {
          responsive: true,
          maintainAspectRatio: false,
          animation: false,
          scales: {
            y: { min: 0, max: 5, ticks: { stepSize: 1 }, title: { display: true, text: t.score } },
            x: { ticks: { autoSkip: false, maxRotation: 60, minRotation: 30 } },
          },
          plugins: { legend: { position: 'bottom' } },
        },
      });
    });
    inject(DestroyRef).onDestroy(() => this.chart?.destroy());
  }

  protected signed(value: number | undefined): string {
    if (value === undefined) return '–';
    return value > 0 ? `+${value}` : String(value);
  }
}

@Component({
  selector: 'gp-family-zrm',
  imports: [ZrmMember],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="gp-card section" aria-labelledby="zrm-titel">
      <h2 id="zrm-titel">{{ t().title }}</h2>
      <p class="gp-muted">{{ t().intro }}</p>
      @if (overviews().length === 0) {
        <p>{{ t().none }}</p>
      }
      @for (overview of overviews(); track overview.memberId) {
        <gp-zrm-member [overview]="overview" />
      }
    </section>
  `,
})
export class FamilyZrm {
  readonly overviews = input.required<ZrmMemberOverview[]>();
  protected readonly t = inject(I18n).texts(TEXTS);
}

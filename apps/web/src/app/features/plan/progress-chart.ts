import {
  afterNextRender,
  afterRenderEffect,
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  ElementRef,
  inject,
  input,
  signal,
  viewChild,
} from '@angular/core';
import type { ProgressResponse } from '@gezinsplan/contracts';
import type { Chart } from 'chart.js';
import { compareIso, defineTexts, fill, I18n } from '../../core/i18n';

type ChartJs = typeof import('chart.js');
let chartJs: Promise<ChartJs> | null = null;

/**
 * chart.js is the largest code of the plan page (about 200 kB): it is loaded only when a chart scrolls into view,
 * after the page is usable, and then once for all charts. Only what a small line chart needs is registered.
 */
function loadChartJs(): Promise<ChartJs> {
  chartJs ??= import('chart.js').then((lib) => {
    lib.Chart.register(lib.LineController, lib.LineElement, lib.PointElement, lib.LinearScale, lib.CategoryScale);
    return lib;
  });
  return chartJs;
}

const TEXTS = defineTexts(
  {
    summary:
      'Grafiek van de scores: van {first} naar {last} (uit 10) over {n} metingen. De lijst hieronder noemt elke score.',
  },
  {
    summary:
      'Chart of the scores: from {first} to {last} (out of 10) over {n} notes. The list below names every score.',
  },
);

/** A small line chart of the progress scores (oldest to newest); the timeline list is its text alternative. */
@Component({
  selector: 'gp-progress-chart',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<div class="chart"><canvas #canvas role="img" [attr.aria-label]="summary()"></canvas></div>`,
  styles: `
    .chart {
      position: relative;
      height: 9rem;
      max-width: 28rem;
    }
  `,
})
export class ProgressChart {
  readonly notes = input.required<ProgressResponse[]>();
  private readonly i18n = inject(I18n);
  private readonly t = this.i18n.texts(TEXTS);
  private readonly canvas = viewChild.required<ElementRef<HTMLCanvasElement>>('canvas');
  private chart: Chart<'line'> | null = null;
  private readonly ordered = computed(() => [...this.notes()].sort((a, b) => compareIso(a.notedOn, b.notedOn)));
  protected readonly summary = computed(() => {
    const list = this.ordered();
    return fill(this.t().summary, {
      first: list[0]?.score ?? '',
      last: list[list.length - 1]?.score ?? '',
      n: list.length,
    });
  });

  private readonly lib = signal<ChartJs | null>(null);

  constructor() {
    let observer: IntersectionObserver | null = null;
    afterNextRender(() => {
      const canvas = this.canvas().nativeElement;
      observer = new IntersectionObserver((entries) => {
        if (!entries.some((e) => e.isIntersecting)) return;
        observer?.disconnect();
        void loadChartJs().then((lib) => this.lib.set(lib));
      });
      observer.observe(canvas);
    });
    afterRenderEffect(() => {
      const lib = this.lib();
      if (!lib) return;
      const list = this.ordered();
      const labels = list.map((n) => this.i18n.shortDate(n.notedOn));
      const data = list.map((n) => n.score);
      if (this.chart) {
        this.chart.data.labels = labels;
        this.chart.data.datasets[0].data = data;
        this.chart.update();
        return;
      }
      this.chart = new lib.Chart(this.canvas().nativeElement, {
        type: 'line',
        data: {
          labels,
          datasets: [{ data, borderColor: '#154273', backgroundColor: '#154273', tension: 0.2, pointRadius: 4 }],
        },
        options: {
          responsive: true,
          maintainAspectRatio: false,
          animation: false,
          scales: {
            y: { min: 0, max: 10, ticks: { stepSize: 2, color: '#1a1a1a' } },
            x: { ticks: { color: '#1a1a1a' } },
          },
        },
      });
    });
    inject(DestroyRef).onDestroy(() => {
      observer?.disconnect();
      this.chart?.destroy();
    });
  }
}

import {
  afterRenderEffect,
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  type ElementRef,
  inject,
  input,
  viewChild,
} from '@angular/core';
import type { IndicatorUnit } from '@gezinsplan/contracts';
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  type ChartConfiguration,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';
import { I18n } from '../../core/i18n';
import { formatTick, formatValue } from './format';

// chart.js lives only in this lazy feature chunk; register just the pieces the dashboard draws.
Chart.register(
  LineController,
  BarController,
  LineElement,
  BarElement,
  PointElement,
  CategoryScale,
  LinearScale,
  Tooltip,
);

const PRIMARY = '#154273';
const MUTED = '#4b4b4b';
const GRID = '#d8dee4';

/**
 * One chart of one figure. The canvas is an image for assistive technology (role="img" with a summary as its
 * name); the numbers themselves are in the table alternative the page puts next to it. Suppressed values
 * (null) leave a gap in a line and no bar, and their category label is greyed and marked "< 5".
 */
@Component({
  selector: 'gp-indicator-chart',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="chart" [class.chart--bar]="kind() === 'bar'">
      <canvas #canvas role="img" [attr.aria-label]="summary()"></canvas>
    </div>
  `,
  styles: `
    .chart {
      position: relative;
      height: 18rem;
      width: 100%;
    }
    .chart--bar {
      height: 16rem;
    }
  `,
})
export class IndicatorChart {
  readonly kind = input.required<'line' | 'bar'>();
  readonly labels = input.required<string[]>();
  readonly values = input.required<(number | null)[]>();
  readonly unit = input.required<IndicatorUnit>();
  readonly seriesLabel = input.required<string>();
  readonly summary = input.required<string>();
  readonly minGroupSize = input(5);

  private readonly i18n = inject(I18n);
  private readonly canvas = viewChild.required<ElementRef<HTMLCanvasElement>>('canvas');
  private chart: Chart | null = null;

  constructor() {
    inject(DestroyRef).onDestroy(() => this.chart?.destroy());
    afterRenderEffect(() => {
      const config = this.config();
      this.chart?.destroy();
      this.chart = new Chart(this.canvas().nativeElement, config);
    });
  }

  private config(): ChartConfiguration<'line' | 'bar', (number | null)[], string> {
    const kind = this.kind();
    const unit = this.unit();
    const values = this.values();
    const min = this.minGroupSize();
    const suppressed = values.map((v) => v === null);
    const labels = this.labels().map((label, i) => (suppressed[i] && kind === 'bar' ? `${label} (< ${min})` : label));
    const percent = unit === 'percent';
    return {
      type: kind,
      data: {
        labels,
        datasets: [
          {
            label: this.seriesLabel(),
            data: values,
            borderColor: PRIMARY,
            backgroundColor: PRIMARY,
            borderWidth: 2,
            pointRadius: 4,
            spanGaps: false,
            maxBarThickness: 48,
          },
        ],
      },
      options: {
        locale: this.i18n.locale(),
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        plugins: {
          tooltip: {
            callbacks: {
              label: (ctx) => `${this.seriesLabel()}: ${formatValue(this.i18n, unit, ctx.parsed.y ?? null, min)}`,
            },
          },
        },
        scales: {
          x: {
            ticks: {
              color: (ctx) => (suppressed[ctx.index] ? '#8a8a8a' : MUTED),
              autoSkip: kind === 'line',
              maxRotation: kind === 'bar' ? 30 : 0,
            },
            grid: { display: false },
          },
          y: {
            beginAtZero: true,
            suggestedMax: percent ? 100 : undefined,
            max: percent ? 100 : undefined,
            ticks: { color: MUTED, callback: (v) => formatTick(this.i18n, unit, Number(v)) },
            grid: { color: GRID },
          },
        },
      },
    };
  }
}

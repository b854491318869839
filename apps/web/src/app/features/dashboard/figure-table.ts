import { ChangeDetectionStrategy, Component, inject, input } from '@angular/core';
import type { IndicatorFigure, IndicatorSeries, MainFigureKey } from '@gezinsplan/contracts';
import { I18n } from '../../core/i18n';
import { formatFigure } from './format';

export interface FigureRow {
  key: string;
  label: string;
  values: Record<MainFigureKey, IndicatorFigure>;
}

/**
 * The table alternative of a chart: one row per period, municipality or provider, one column per main figure.
 * Suppressed cells read "< 5". Wide tables scroll inside a focusable region, so keyboard users can scroll too.
 */
@Component({
  selector: 'gp-figure-table',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="scroll" tabindex="0" role="region" [attr.aria-labelledby]="tableId()">
      <table class="gp-table">
        <caption [id]="tableId()">
          {{
            caption()
          }}
        </caption>
        <thead>
          <tr>
            <th scope="col">{{ firstColumn() }}</th>
            @for (s of series(); track s.key) {
              <th scope="col">{{ s.label[i18n.lang()] }}</th>
            }
          </tr>
        </thead>
        <tbody>
          @for (row of rows(); track row.key) {
            <tr>
              <th scope="row">{{ row.label }}</th>
              @for (s of series(); track s.key) {
                <td [class.suppressed]="row.values[s.key].suppressed">{{ cell(row.values[s.key]) }}</td>
              }
            </tr>
          }
        </tbody>
      </table>
    </div>
  `,
  styles: `
    .scroll {
      overflow-x: auto;
    }
    caption {
      text-align: left;
      font-weight: 700;
      padding: var(--gp-space-2) 0;
    }
    td {
      white-space: nowrap;
    }
    .suppressed {
      color: var(--gp-color-text-muted);
    }
  `,
})
export class FigureTable {
  readonly tableId = input.required<string>();
  readonly caption = input.required<string>();
  readonly firstColumn = input.required<string>();
  readonly series = input.required<IndicatorSeries[]>();
  readonly rows = input.required<FigureRow[]>();
  readonly minGroupSize = input(5);

  protected readonly i18n = inject(I18n);

  protected cell(figure: IndicatorFigure | undefined): string {
    return figure ? formatFigure(this.i18n, figure, this.minGroupSize()) : '';
  }
}

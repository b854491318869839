import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import {
  IJW_STOP_REASON_LABELS,
  type IjwStopReason,
  type IndicatorFigure,
  type IndicatorResponse,
} from '@gezinsplan/contracts';
import { defineTexts, fill, I18n } from '../../core/i18n';
import { formatFigure } from './format';

const TEXTS = defineTexts(
  {
    groupSize: 'Berekend over {n} gezinnen',
    groupSizeOne: 'Berekend over 1 gezin',
    suppressedNote:
      'Dit cijfer gaat over minder dan {min} gezinnen. Het wordt niet getoond, zodat niemand herkenbaar is.',
    definition: 'Definitie',
    otherFigures: 'Meer cijfers',
    breakdown: 'Uitsplitsing naar {dimension}',
    breakdownCaption: '{title}: uitsplitsing naar {dimension}',
    value: 'Waarde',
    families: 'Gezinnen',
    life_domain: 'levensgebied',
    zrm_domain: 'ZRM-domein',
    score: 'cijfer',
    end_reason: 'stopreden (iJw)',
  },
  {
    groupSize: 'Computed over {n} families',
    groupSizeOne: 'Computed over 1 family',
    suppressedNote:
      'This figure is about fewer than {min} families. It is not shown, so that nobody can be recognised.',
    definition: 'Definition',
    otherFigures: 'More figures',
    breakdown: 'Breakdown by {dimension}',
    breakdownCaption: '{title}: breakdown by {dimension}',
    value: 'Value',
    families: 'Families',
    life_domain: 'life domain',
    zrm_domain: 'ZRM domain',
    score: 'score',
    end_reason: 'stop reason (iJw)',
  },
);

type Dimension = 'life_domain' | 'zrm_domain' | 'score' | 'end_reason';
const isDimension = (d: string): d is Dimension => ['life_domain', 'zrm_domain', 'score', 'end_reason'].includes(d);

/** One indicator: its main figure large, the other figures, group size or "< 5", and its definition beside it. */
@Component({
  selector: 'gp-indicator-card',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @let ind = indicator();
    @let main = ind.figures[0];
    <article class="gp-card indicator" [attr.aria-labelledby]="id('titel')">
      <h3 class="indicator__title" [id]="id('titel')">
        <span class="indicator__number">{{ ind.number }}</span> {{ ind.title[lang()] }}
      </h3>
      <div class="indicator__body">
        <div class="indicator__figures">
          <p class="indicator__main" [class.indicator__main--suppressed]="main.suppressed">
            <span class="indicator__value">{{ value(main) }}</span>
            <span class="indicator__label">{{ main.label[lang()] }}</span>
          </p>
          @if (main.suppressed) {
            <p class="indicator__note">{{ note() }}</p>
          } @else {
            <p class="indicator__group gp-muted">{{ groupText(main) }}</p>
          }
          @if (ind.figures.length > 1) {
            <dl class="indicator__more" [attr.aria-label]="t().otherFigures">
              @for (figure of ind.figures.slice(1); track figure.key) {
                <div class="indicator__row">
                  <dt>{{ figure.label[lang()] }}</dt>
                  <dd [class.suppressed]="figure.suppressed">{{ value(figure) }}</dd>
                </div>
              }
            </dl>
          }
        </div>
        <p class="indicator__definition">
          <strong>{{ t().definition }}:</strong> {{ ind.definition[lang()] }}
        </p>
      </div>
      @if (ind.breakdown; as breakdown) {
        <details class="indicator__breakdown">
          <summary>{{ breakdownTitle() }}</summary>
          <table class="gp-table">
            <caption>
              {{
                breakdownCaption()
              }}
            </caption>
            <thead>
              <tr>
                <th scope="col">{{ dimensionName() }}</th>
                <th scope="col">{{ t().value }}</th>
                <th scope="col">{{ t().families }}</th>
              </tr>
            </thead>
            <tbody>
              @for (row of breakdown.rows; track row.key) {
                <tr>
                  <th scope="row">{{ rowLabel(breakdown.dimension, row) }}</th>
                  <td [class.suppressed]="row.suppressed">{{ value(row) }}</td>
                  <td>{{ row.groupSize === null ? suppressedMark() : i18n.number(row.groupSize) }}</td>
                </tr>
              }
            </tbody>
          </table>
        </details>
      }
    </article>
  `,
  styles: `
    :host {
      display: block;
    }
    .indicator {
      height: 100%;
      display: flex;
      flex-direction: column;
      gap: var(--gp-space-2);
    }
    .indicator__title {
      margin: 0;
      font-size: 1.125rem;
      display: flex;
      gap: var(--gp-space-2);
      align-items: baseline;
    }
    .indicator__number {
      flex: none;
      min-width: 2.25rem;
      padding: 0 var(--gp-space-1);
      text-align: center;
      border-radius: var(--gp-radius);
      background: var(--gp-color-info-bg);
      color: var(--gp-color-primary);
      font-size: 0.9375rem;
    }
    .indicator__body {
      display: grid;
      gap: var(--gp-space-3);
    }
    .indicator__main {
      margin: 0;
      display: flex;
      flex-direction: column;
    }
    .indicator__value {
      font-size: 2.25rem;
      font-weight: 700;
      line-height: 1.1;
      color: var(--gp-color-primary);
    }
    .indicator__main--suppressed .indicator__value {
      color: var(--gp-color-text-muted);
    }
    .indicator__label {
      font-weight: 700;
    }
    .indicator__note,
    .indicator__group {
      margin: 0;
      font-size: 0.9375rem;
    }
    .indicator__note {
      border-left: 4px solid var(--gp-color-border);
      padding-left: var(--gp-space-2);
    }
    .indicator__more {
      margin: var(--gp-space-2) 0 0;
      display: grid;
      gap: var(--gp-space-1);
    }
    .indicator__row {
      display: flex;
      justify-content: space-between;
      gap: var(--gp-space-3);
      border-top: 1px solid var(--gp-color-bg-subtle);
      padding-top: var(--gp-space-1);
    }
    .indicator__row dd {
      margin: 0;
      font-weight: 700;
      white-space: nowrap;
    }
    .suppressed {
      color: var(--gp-color-text-muted);
    }
    .indicator__definition {
      margin: 0;
      font-size: 0.9375rem;
      background: var(--gp-color-bg-subtle);
      padding: var(--gp-space-2) var(--gp-space-3);
      border-radius: var(--gp-radius);
    }
    .indicator__breakdown {
      margin-top: auto;
    }
    .indicator__breakdown summary {
      cursor: pointer;
      color: var(--gp-color-primary);
      text-decoration: underline;
      min-height: 44px;
      display: flex;
      align-items: center;
    }
    caption {
      text-align: left;
      font-weight: 700;
      padding: var(--gp-space-2) 0;
    }
    @media (min-width: 40rem) {
      .indicator__body {
        grid-template-columns: minmax(12rem, 1fr) minmax(12rem, 1fr);
        align-items: start;
      }
    }
  `,
})
export class IndicatorCard {
  readonly indicator = input.required<IndicatorResponse>();
  readonly minGroupSize = input(5);

  protected readonly i18n = inject(I18n);
  protected readonly t = this.i18n.texts(TEXTS);
  protected readonly lang = this.i18n.lang;

  protected readonly note = computed(() => fill(this.t().suppressedNote, { min: this.minGroupSize() }));
  protected readonly suppressedMark = computed(() => `< ${this.minGroupSize()}`);
  private readonly dimension = computed(() => {
    const d = this.indicator().breakdown?.dimension ?? '';
    return isDimension(d) ? this.t()[d] : d;
  });
  /** Column header: the dimension with a capital. */
  protected readonly dimensionName = computed(
    () => this.dimension().charAt(0).toUpperCase() + this.dimension().slice(1),
  );
  protected readonly breakdownTitle = computed(() => fill(this.t().breakdown, { dimension: this.dimension() }));
  protected readonly breakdownCaption = computed(() =>
    fill(this.t().breakdownCaption, { title: this.indicator().title[this.lang()], dimension: this.dimension() }),
  );

  protected id(part: string): string {
    return `indicator-${this.indicator().key}-${part}`;
  }

  protected value(figure: IndicatorFigure): string {
    return formatFigure(this.i18n, figure, this.minGroupSize());
  }

  protected groupText(figure: IndicatorFigure): string {
    if (figure.groupSize === 1) return this.t().groupSizeOne;
    return fill(this.t().groupSize, { n: this.i18n.number(figure.groupSize) });
  }

  /** iJw stop reasons get their official name next to the code. */
  protected rowLabel(dimension: string, row: IndicatorFigure): string {
    if (dimension === 'end_reason' && row.key in IJW_STOP_REASON_LABELS) {
      return `${row.key} – ${IJW_STOP_REASON_LABELS[row.key as IjwStopReason][this.lang()]}`;
    }
    return row.label[this.lang()];
  }
}

import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { defineTexts, fill, I18n } from '../../core/i18n';

const TEXTS = defineTexts({ score: 'Score: {n} van de 10' }, { score: 'Score: {n} out of 10' });

/** A score from 1 to 10 as a simple bar with the number in words next to it (the bar itself is decoration). */
@Component({
  selector: 'gp-score-bar',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="score">
      <span class="bar" aria-hidden="true"><span class="bar__fill" [style.width.%]="score() * 10"></span></span>
      <span class="score__text">{{ text() }}</span>
    </div>
  `,
  styles: `
    .score {
      display: flex;
      align-items: center;
      gap: var(--gp-space-2);
      flex-wrap: wrap;
    }
    .bar {
      flex: 1 1 8rem;
      max-width: 14rem;
      height: 0.875rem;
      border: 1px solid var(--gp-color-primary);
      border-radius: 999px;
      background: var(--gp-color-bg);
      overflow: hidden;
    }
    .bar__fill {
      display: block;
      height: 100%;
      background: var(--gp-color-primary);
    }
    .score__text {
      font-weight: 700;
      white-space: nowrap;
    }
  `,
})
export class ScoreBar {
  readonly score = input.required<number>();
  private readonly i18n = inject(I18n);
  private readonly t = this.i18n.texts(TEXTS);
  protected readonly text = computed(() => fill(this.t().score, { n: this.score() }));
}

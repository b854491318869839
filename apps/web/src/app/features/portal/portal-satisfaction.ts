import { ChangeDetectionStrategy, Component, inject, input, output, signal } from '@angular/core';
import type { EvaluationResponse } from '@gezinsplan/contracts';
import { firstValueFrom } from 'rxjs';
import { errorText } from '../../core/error-text';
import { defineTexts, fill, I18n } from '../../core/i18n';
import { PortalApi } from './portal-api';

const TEXTS = defineTexts(
  {
    title: 'Tevredenheid',
    intro: 'Op {date} is het plan geëvalueerd. Hoe tevreden bent u over de hulp? Uw mening helpt ons.',
    score: 'Welk cijfer geeft u? (1 is heel ontevreden, 10 is heel tevreden)',
    scoreMissing: 'Kies een cijfer.',
    remark: 'Wilt u er iets over zeggen? (mag leeg blijven)',
    submit: 'Cijfer geven',
    busy: 'Bezig met versturen…',
    thanks: 'Dank u wel voor uw cijfer.',
  },
  {
    title: 'Satisfaction',
    intro: 'The plan was evaluated on {date}. How satisfied are you with the help? Your opinion helps us.',
    score: 'Which mark do you give? (1 is very dissatisfied, 10 is very satisfied)',
    scoreMissing: 'Choose a mark.',
    remark: 'Would you like to say something about it? (optional)',
    submit: 'Give mark',
    busy: 'Sending…',
    thanks: 'Thank you for your mark.',
  },
);

/** After an evaluation: the family's satisfaction, 1 to 10 with an optional remark, once. */
@Component({
  selector: 'gp-portal-satisfaction',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section aria-labelledby="tevreden-titel">
      <h2 id="tevreden-titel">{{ t().title }}</h2>
      @if (thanks()) {
        <p class="gp-alert gp-alert--success" role="status">{{ t().thanks }}</p>
      } @else {
        <p>{{ fill(t().intro, { date: i18n.date(evaluation().evaluatedOn) }) }}</p>
        <form class="gp-card" (submit)="$event.preventDefault(); send()" novalidate>
          <fieldset
            class="scores"
            [attr.aria-invalid]="showError() ? true : null"
            [attr.aria-describedby]="showError() ? 'tevreden-fout' : null"
          >
            <legend>{{ t().score }}</legend>
            <div class="scores__list">
              @for (n of marks; track n) {
                <label class="mark">
                  <input type="radio" name="tevreden" [value]="n" [checked]="score() === n" (change)="score.set(n)" />
                  <span>{{ n }}</span>
                </label>
              }
            </div>
            @if (showError()) {
              <p class="gp-field__error" id="tevreden-fout">{{ t().scoreMissing }}</p>
            }
          </fieldset>
          <div class="gp-field">
            <label for="tevreden-opmerking">{{ t().remark }}</label>
            <textarea
              id="tevreden-opmerking"
              rows="3"
              maxlength="2000"
              [value]="remark()"
              (input)="remark.set($any($event.target).value)"
            ></textarea>
          </div>
          @if (error(); as message) {
            <p class="gp-alert gp-alert--error" role="alert">{{ message }}</p>
          }
          <button type="submit" class="gp-button" [disabled]="busy()">{{ busy() ? t().busy : t().submit }}</button>
        </form>
      }
    </section>
  `,
  styles: `
    .scores {
      border: 0;
      padding: 0;
      margin: 0 0 var(--gp-space-3);
    }
    legend {
      font-weight: 700;
      margin-bottom: var(--gp-space-2);
    }
    .scores__list {
      display: flex;
      flex-wrap: wrap;
      gap: var(--gp-space-2);
    }
    .mark {
      display: inline-flex;
      align-items: center;
      gap: var(--gp-space-1);
      min-width: 44px;
      min-height: 44px;
      padding: 0 var(--gp-space-2);
      border: 1px solid var(--gp-color-border);
      border-radius: var(--gp-radius);
      cursor: pointer;
    }
    .mark input {
      width: 1.25rem;
      height: 1.25rem;
      margin: 0;
    }
  `,
})
export class PortalSatisfaction {
  readonly familyId = input.required<string>();
  readonly evaluation = input.required<EvaluationResponse>();
  readonly saved = output<void>();
  private readonly api = inject(PortalApi);
  protected readonly i18n = inject(I18n);
  protected readonly t = this.i18n.texts(TEXTS);
  protected readonly fill = fill;
  protected readonly marks = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
  protected readonly score = signal<number | null>(null);
  protected readonly remark = signal('');
  protected readonly showError = signal(false);
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly thanks = signal(false);

  protected async send(): Promise<void> {
    const score = this.score();
    this.error.set(null);
    if (score === null) {
      this.showError.set(true);
      return;
    }
    this.showError.set(false);
    this.busy.set(true);
    try {
      const remark = this.remark().trim();
      await firstValueFrom(
        this.api.satisfaction(this.familyId(), this.evaluation().id, { score, ...(remark ? { remark } : {}) }),
      );
      this.thanks.set(true);
      this.saved.emit();
    } catch (err) {
      this.error.set(errorText(err, this.i18n.lang()));
    } finally {
      this.busy.set(false);
    }
  }
}

import { ChangeDetectionStrategy, Component, effect, inject, input, signal, untracked } from '@angular/core';
import type { CorrectionRequestResponse } from '@gezinsplan/contracts';
import { firstValueFrom } from 'rxjs';
import { errorText } from '../../core/error-text';
import { conflictOf } from '../../core/http';
import { defineTexts, I18n } from '../../core/i18n';
import { PrivacyApi } from './privacy-api';

const TEXTS = defineTexts(
  {
    title: 'Verzoeken om correctie',
    intro: 'Het gezin vraagt om een correctie van hun gegevens (AVG artikel 16). Geef binnen een maand antwoord.',
    none: 'Er zijn geen verzoeken.',
    from: 'Van',
    wrong: 'Wat niet klopt',
    should: 'Hoe het moet',
    answerLabel: 'Uw antwoord (wat is aangepast, of waarom niet)',
    grant: 'Toekennen',
    refuse: 'Afwijzen',
    open: 'Open',
    granted: 'Toegekend',
    refused: 'Afgewezen',
    required: 'Schrijf eerst een antwoord (minstens 3 tekens).',
    conflict: 'Iemand anders heeft dit verzoek al beantwoord. De lijst is bijgewerkt.',
  },
  {
    title: 'Correction requests',
    intro: 'The family asks for a correction of their data (GDPR article 16). Answer within one month.',
    none: 'There are no requests.',
    from: 'From',
    wrong: 'What is wrong',
    should: 'What it should be',
    answerLabel: 'Your answer (what was changed, or why not)',
    grant: 'Grant',
    refuse: 'Refuse',
    open: 'Open',
    granted: 'Granted',
    refused: 'Refused',
    required: 'Write an answer first (at least 3 characters).',
    conflict: 'Someone else already answered this request. The list has been updated.',
  },
);

/** The regisseur's list of the family's correction requests, each answered once (grant or refuse). */
@Component({
  selector: 'gp-correction-answers',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section aria-labelledby="correcties-titel" class="gp-card">
      <h2 id="correcties-titel">{{ t().title }}</h2>
      <p>{{ t().intro }}</p>
      @if (requests().length === 0) {
        <p class="gp-muted">{{ t().none }}</p>
      }
      <ul class="list">
        @for (r of requests(); track r.id) {
          <li class="item">
            <p>
              <span class="gp-badge" [class.gp-badge--warning]="r.status === 'open'">{{ t()[r.status] }}</span>
              <span class="gp-muted"> {{ t().from }} {{ r.requestedBy.name }}, {{ i18n.date(r.createdAt) }}</span>
            </p>
            <p>
              <strong>{{ t().wrong }}:</strong> {{ r.whatIsWrong }}
            </p>
            <p>
              <strong>{{ t().should }}:</strong> {{ r.shouldBe }}
            </p>
            @if (r.status === 'open') {
              <div class="gp-field">
                <label [for]="'antwoord-' + r.id">{{ t().answerLabel }}</label>
                <textarea
                  [id]="'antwoord-' + r.id"
                  rows="2"
                  maxlength="2000"
                  (input)="draft.set(r.id, value($event))"
                ></textarea>
              </div>
              <div class="actions">
                <button type="button" class="gp-button" [disabled]="busy()" (click)="answer(r, 'granted')">
                  {{ t().grant }}
                </button>
                <button
                  type="button"
                  class="gp-button gp-button--secondary"
                  [disabled]="busy()"
                  (click)="answer(r, 'refused')"
                >
                  {{ t().refuse }}
                </button>
              </div>
            } @else {
              <p>
                <strong>{{ r.answeredBy }}:</strong> {{ r.answer }}
              </p>
            }
          </li>
        }
      </ul>
      @if (error(); as message) {
        <p class="gp-alert gp-alert--error" role="alert">{{ message }}</p>
      }
    </section>
  `,
  styles: `
    .list {
      list-style: none;
      padding: 0;
      margin: 0;
    }
    .item {
      border-top: 1px solid var(--gp-color-border);
      padding: var(--gp-space-2) 0;
    }
    .item p {
      margin: 0 0 var(--gp-space-1);
    }
    textarea {
      width: 100%;
    }
    .actions {
      display: flex;
      gap: var(--gp-space-2);
    }
    .gp-button {
      min-height: 44px;
    }
  `,
})
export class CorrectionAnswers {
  readonly familyId = input.required<string>();
  private readonly api = inject(PrivacyApi);
  protected readonly i18n = inject(I18n);
  protected readonly t = this.i18n.texts(TEXTS);
  protected readonly requests = signal<CorrectionRequestResponse[]>([]);
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly draft = new Map<string, string>();

  constructor() {
    effect(() => {
      const id = this.familyId();
      untracked(() => void this.load(id));
    });
  }

  protected value(event: Event): string {
    return (event.target as HTMLTextAreaElement).value;
  }

  protected async answer(r: CorrectionRequestResponse, decision: 'granted' | 'refused'): Promise<void> {
    const text = (this.draft.get(r.id) ?? '').trim();
    this.error.set(null);
    if (text.length < 3) {
      this.error.set(this.t().required);
      return;
    }
    this.busy.set(true);
    try {
      await firstValueFrom(this.api.answer(r.id, r.version, { decision, answer: text }));
      await this.load(this.familyId());
    } catch (err) {
      this.error.set(conflictOf(err) ? this.t().conflict : errorText(err, this.i18n.lang()));
      await this.load(this.familyId());
    } finally {
      this.busy.set(false);
    }
  }

  private async load(familyId: string): Promise<void> {
    try {
      this.requests.set(await firstValueFrom(this.api.corrections(familyId)));
    } catch (err) {
      this.error.set(errorText(err, this.i18n.lang()));
    }
  }
}

import { ChangeDetectionStrategy, Component, inject, input, output, signal } from '@angular/core';
import { LIFE_DOMAINS, type LifeDomain } from '@gezinsplan/contracts';
import { firstValueFrom } from 'rxjs';
import { errorText } from '../../core/error-text';
import { defineTexts, I18n } from '../../core/i18n';
import { LabelsService } from '../../shared/labels';
import { PortalApi } from './portal-api';

const TEXTS = defineTexts(
  {
    title: 'Een doel voorstellen',
    intro: 'Wilt u iets bereiken dat nog niet in het plan staat? Stel een doel voor. De regisseur bespreekt het met u.',
    goal: 'Wat wilt u bereiken?',
    goalHint: 'Bijvoorbeeld: "Lotte slaapt de hele nacht in haar eigen bed."',
    goalMissing: 'Schrijf eerst wat u wilt bereiken.',
    domain: 'Waar gaat het over?',
    choose: 'Kies een onderwerp',
    domainMissing: 'Kies waar het over gaat.',
    submit: 'Doel voorstellen',
    busy: 'Bezig met versturen…',
    done: 'Dank u. Uw voorstel staat in het plan. De regisseur kijkt ernaar.',
  },
  {
    title: 'Propose a goal',
    intro:
      'Is there something you want to achieve that is not in the plan yet? Propose a goal. The case director will talk about it with you.',
    goal: 'What do you want to achieve?',
    goalHint: 'For example: "Lotte sleeps the whole night in her own bed."',
    goalMissing: 'First write what you want to achieve.',
    domain: 'What is it about?',
    choose: 'Choose a subject',
    domainMissing: 'Choose what it is about.',
    submit: 'Propose goal',
    busy: 'Sending…',
    done: 'Thank you. Your proposal is in the plan. The case director is looking at it.',
  },
);

/** A parent proposes a goal; it shows in the plan as "voorgesteld" until the regisseur accepts or declines it. */
@Component({
  selector: 'gp-portal-propose',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section aria-labelledby="voorstel-titel">
      <h2 id="voorstel-titel">{{ t().title }}</h2>
      <p>{{ t().intro }}</p>
      <form class="gp-card" (submit)="$event.preventDefault(); send()" novalidate>
        <div class="gp-field">
          <label for="voorstel-doel">{{ t().goal }}</label>
          <p class="gp-field__hint" id="voorstel-doel-hint">{{ t().goalHint }}</p>
          <input
            id="voorstel-doel"
            type="text"
            maxlength="300"
            [value]="title()"
            (input)="title.set($any($event.target).value)"
            [attr.aria-invalid]="showErrors() && !title().trim() ? true : null"
            [attr.aria-describedby]="
              'voorstel-doel-hint' + (showErrors() && !title().trim() ? ' voorstel-doel-fout' : '')
            "
          />
          @if (showErrors() && !title().trim()) {
            <p class="gp-field__error" id="voorstel-doel-fout">{{ t().goalMissing }}</p>
          }
        </div>
        <div class="gp-field">
          <label for="voorstel-onderwerp">{{ t().domain }}</label>
          <select
            id="voorstel-onderwerp"
            [value]="domain()"
            (change)="domain.set($any($event.target).value)"
            [attr.aria-invalid]="showErrors() && !domain() ? true : null"
            [attr.aria-describedby]="showErrors() && !domain() ? 'voorstel-onderwerp-fout' : null"
          >
            <option value="">{{ t().choose }}</option>
            @for (d of domains; track d) {
              <option [value]="d" [selected]="d === domain()">{{ labels.lifeDomain(d) }}</option>
            }
          </select>
          @if (showErrors() && !domain()) {
            <p class="gp-field__error" id="voorstel-onderwerp-fout">{{ t().domainMissing }}</p>
          }
        </div>
        @if (error(); as message) {
          <p class="gp-alert gp-alert--error" role="alert">{{ message }}</p>
        }
        <button type="submit" class="gp-button" [disabled]="busy()">{{ busy() ? t().busy : t().submit }}</button>
        <p role="status" class="done">{{ done() ? t().done : '' }}</p>
      </form>
    </section>
  `,
  styles: `
    .done {
      margin: var(--gp-space-2) 0 0;
      color: var(--gp-color-success);
      font-weight: 700;
    }
  `,
})
export class PortalPropose {
  readonly familyId = input.required<string>();
  readonly proposed = output<void>();
  private readonly api = inject(PortalApi);
  protected readonly labels = inject(LabelsService);
  private readonly i18n = inject(I18n);
  protected readonly t = this.i18n.texts(TEXTS);
  protected readonly domains = LIFE_DOMAINS;
  protected readonly title = signal('');
  protected readonly domain = signal<LifeDomain | ''>('');
  protected readonly showErrors = signal(false);
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly done = signal(false);

  protected async send(): Promise<void> {
    this.done.set(false);
    this.error.set(null);
    const title = this.title().trim();
    const lifeDomain = this.domain();
    if (!title || !lifeDomain) {
      this.showErrors.set(true);
      return;
    }
    this.showErrors.set(false);
    this.busy.set(true);
    try {
      await firstValueFrom(this.api.proposeGoal(this.familyId(), { title, lifeDomain }));
      this.title.set('');
      this.domain.set('');
      this.done.set(true);
      this.proposed.emit();
    } catch (err) {
      this.error.set(errorText(err, this.i18n.lang()));
    } finally {
      this.busy.set(false);
    }
  }
}

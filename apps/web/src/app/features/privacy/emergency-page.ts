import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { Router } from '@angular/router';
import { firstValueFrom } from 'rxjs';
import { errorCode, errorText } from '../../core/error-text';
import { defineTexts, I18n } from '../../core/i18n';
import { PrivacyApi } from './privacy-api';

const TEXTS = defineTexts(
  {
    title: 'Noodtoegang',
    warning:
      'Gebruik noodtoegang alleen als u een dossier nu nodig heeft voor de veiligheid van een kind of gezin, en u niet bij het gezin betrokken bent. Uw naam, organisatie en reden worden vastgelegd. Het gezin en de regisseur zien dat u het dossier heeft geopend.',
    bsn: 'Burgerservicenummer (BSN) van een gezinslid',
    bsnHint: '9 cijfers',
    birthDate: 'Geboortedatum van dat gezinslid',
    reason: 'Reden (verplicht)',
    reasonHint: 'Waarom heeft u het dossier nu nodig? Minstens 10 tekens.',
    submit: 'Noodtoegang openen',
    busy: 'Bezig…',
    required: 'Vul alle velden in; de reden heeft minstens 10 tekens.',
    notFound: 'Er is geen dossier gevonden met dit BSN en deze geboortedatum.',
  },
  {
    title: 'Emergency access',
    warning:
      'Only use emergency access if you need a file now for the safety of a child or family, and you are not involved with the family. Your name, organisation and reason are recorded. The family and the case director see that you opened the file.',
    bsn: 'Citizen service number (BSN) of a family member',
    bsnHint: '9 digits',
    birthDate: "That family member's date of birth",
    reason: 'Reason (required)',
    reasonHint: 'Why do you need the file now? At least 10 characters.',
    submit: 'Open emergency access',
    busy: 'Working…',
    required: 'Fill in every field; the reason needs at least 10 characters.',
    notFound: 'No file was found for this BSN and date of birth.',
  },
);

/** Break the glass: a professional opens a family's file they are not involved with, with a reason. */
@Component({
  selector: 'gp-emergency-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="page">
      <h1>{{ t().title }}</h1>
      <p class="gp-alert gp-alert--warning">{{ t().warning }}</p>
      <form class="gp-card" (submit)="$event.preventDefault(); open()" novalidate>
        <div class="gp-field">
          <label for="nood-bsn">{{ t().bsn }}</label>
          <input
            id="nood-bsn"
            inputmode="numeric"
            autocomplete="off"
            maxlength="9"
            aria-describedby="nood-bsn-hint"
            [value]="bsn()"
            (input)="bsn.set(value($event))"
          />
          <p class="gp-field__hint" id="nood-bsn-hint">{{ t().bsnHint }}</p>
        </div>
        <div class="gp-field">
          <label for="nood-geboren">{{ t().birthDate }}</label>
          <input id="nood-geboren" type="date" [value]="birthDate()" (change)="birthDate.set(value($event))" />
        </div>
        <div class="gp-field">
          <label for="nood-reden">{{ t().reason }}</label>
          <textarea
            id="nood-reden"
            rows="3"
            maxlength="1000"
            aria-describedby="nood-reden-hint"
            [value]="reason()"
            (input)="reason.set(value($event))"
          ></textarea>
          <p class="gp-field__hint" id="nood-reden-hint">{{ t().reasonHint }}</p>
        </div>
        <button type="submit" class="gp-button" [disabled]="busy()">{{ busy() ? t().busy : t().submit }}</button>
        @if (error(); as message) {
          <p class="gp-alert gp-alert--error" role="alert">{{ message }}</p>
        }
      </form>
    </div>
  `,
  styles: `
    .page {
      max-width: 40rem;
      margin: 0 auto;
      padding: var(--gp-space-4) var(--gp-space-3);
    }
    input,
    textarea {
      width: 100%;
    }
    .gp-button {
      min-height: 44px;
    }
  `,
})
export class EmergencyPage {
  private readonly api = inject(PrivacyApi);
  private readonly router = inject(Router);
  protected readonly i18n = inject(I18n);
  protected readonly t = this.i18n.texts(TEXTS);
  protected readonly bsn = signal('');
  protected readonly birthDate = signal('');
  protected readonly reason = signal('');
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);

  protected value(event: Event): string {
    return (event.target as HTMLInputElement).value;
  }

  protected async open(): Promise<void> {
    this.error.set(null);
    if (!/^\d{9}$/.test(this.bsn().trim()) || !this.birthDate() || this.reason().trim().length < 10) {
      this.error.set(this.t().required);
      return;
    }
    this.busy.set(true);
    try {
      const grant = await firstValueFrom(
        this.api.requestEmergency({
          citizenServiceNumber: this.bsn().trim(),
          birthDate: this.birthDate(),
          reason: this.reason().trim(),
        }),
      );
      await this.router.navigate(['/gezinnen', grant.familyId]);
    } catch (err) {
      this.error.set(errorCode(err) === 'NOT_FOUND' ? this.t().notFound : errorText(err, this.i18n.lang()));
    } finally {
      this.busy.set(false);
    }
  }
}

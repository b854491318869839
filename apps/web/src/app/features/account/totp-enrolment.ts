import { ChangeDetectionStrategy, Component, computed, inject, input, output, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import type { TotpEnrolment } from '@gezinsplan/contracts';
import { defineTexts, I18n } from '../../core/i18n';

const TEXTS = defineTexts(
  {
    heading: 'Authenticator-app koppelen',
    step1:
      'Open een authenticator-app op uw telefoon (bijvoorbeeld de app van uw organisatie, Microsoft Authenticator of Google Authenticator) en scan deze QR-code.',
    qrAlt: 'QR-code om te scannen met uw authenticator-app',
    manual: 'Kunt u niet scannen? Typ dan deze sleutel in de app:',
    keyLabel: 'Sleutel',
    step2: 'Vul daarna de code van 6 cijfers in die de app laat zien.',
    code: 'Code uit de app',
    codeHint: '6 cijfers, zonder spaties',
    codeInvalid: 'Vul de 6 cijfers uit de app in.',
    submit: 'Koppelen',
    busy: 'Bezig met controleren…',
  },
  {
    heading: 'Link an authenticator app',
    step1:
      'Open an authenticator app on your phone (for example your organisation’s app, Microsoft Authenticator or Google Authenticator) and scan this QR code.',
    qrAlt: 'QR code to scan with your authenticator app',
    manual: 'Cannot scan? Type this key into the app:',
    keyLabel: 'Key',
    step2: 'Then enter the 6-digit code the app shows.',
    code: 'Code from the app',
    codeHint: '6 digits, no spaces',
    codeInvalid: 'Enter the 6 digits from the app.',
    submit: 'Link',
    busy: 'Checking…',
  },
);

/** Shows a new TOTP secret (QR code and typed key) and asks for its first code. */
@Component({
  selector: 'gp-totp-enrolment',
  imports: [ReactiveFormsModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="enrol" aria-labelledby="enrol-kop">
      <h2 id="enrol-kop" tabindex="-1">{{ t().heading }}</h2>
      <p>{{ t().step1 }}</p>
      <img class="enrol__qr" [src]="enrolment().qrCodeDataUrl" [alt]="t().qrAlt" width="200" height="200" />
      <p>{{ t().manual }}</p>
      <p class="enrol__key">
        <span class="gp-visually-hidden">{{ t().keyLabel }}: </span>
        <code data-testid="totp-key">{{ groupedKey() }}</code>
      </p>
      <p>{{ t().step2 }}</p>
      @if (error(); as message) {
        <div class="gp-alert gp-alert--error" role="alert">{{ message }}</div>
      }
      <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
        <div class="gp-field">
          <label for="enrol-code">{{ t().code }}</label>
          <p class="gp-field__hint" id="enrol-code-hint">{{ t().codeHint }}</p>
          <input
            id="enrol-code"
            type="text"
            inputmode="numeric"
            autocomplete="one-time-code"
            maxlength="7"
            formControlName="code"
            [attr.aria-invalid]="invalid()"
            [attr.aria-describedby]="invalid() ? 'enrol-code-hint enrol-code-fout' : 'enrol-code-hint'"
          />
          @if (invalid()) {
            <p class="gp-field__error" id="enrol-code-fout">{{ t().codeInvalid }}</p>
          }
        </div>
        <button type="submit" class="gp-button" [disabled]="busy()">{{ busy() ? t().busy : t().submit }}</button>
      </form>
    </section>
  `,
  styles: `
    .enrol__qr {
      display: block;
      background: #fff;
      border: 1px solid var(--gp-color-border, #ccc);
      border-radius: var(--gp-radius);
    }
    .enrol__key code {
      font-size: 1.1rem;
      letter-spacing: 0.05em;
      word-break: break-all;
    }
    input {
      max-width: 12rem;
    }
  `,
})
export class TotpEnrolmentComponent {
  protected readonly t = inject(I18n).texts(TEXTS);
  readonly enrolment = input.required<TotpEnrolment>();
  readonly busy = input(false);
  readonly error = input<string | null>(null);
  readonly confirm = output<string>();
  protected readonly code = new FormControl('', {
    nonNullable: true,
    validators: [Validators.required, Validators.pattern(/^\s*\d{3}\s?\d{3}\s*$/)],
  });
  protected readonly form = new FormGroup({ code: this.code });
  private readonly submitted = signal(false);
  protected readonly invalid = computed(() => this.submitted() && this.codeInvalid());
  private readonly codeInvalid = signal(true);
  protected readonly groupedKey = computed(() =>
    this.enrolment()
      .secret.replace(/(.{4})/g, '$1 ')
      .trim(),
  );

  protected submit(): void {
    this.submitted.set(true);
    this.codeInvalid.set(this.code.invalid);
    if (this.code.invalid) return;
    this.confirm.emit(this.code.value.replace(/\s/g, ''));
  }
}

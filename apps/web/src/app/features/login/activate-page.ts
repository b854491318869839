import { HttpClient, HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, inject, input, signal, type OnInit } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { RouterLink } from '@angular/router';
import type { ActivateAccountRequest, FieldError } from '@gezinsplan/contracts';
import { firstValueFrom } from 'rxjs';
import { errorCode, errorText } from '../../core/error-text';
import { defineTexts, I18n } from '../../core/i18n';

const MIN_PASSWORD = 12;

const TEXTS = defineTexts(
  {
    title: 'Account activeren',
    intro:
      'U heeft van de beheerder van Gezinsplan een activatietoken gekregen. Kies hiermee zelf een wachtwoord. Niemand anders kent dit wachtwoord.',
    token: 'Activatietoken',
    tokenMissing: 'Vul het activatietoken in.',
    password: 'Nieuw wachtwoord',
    passwordHint: 'Minstens 12 tekens. Een zin van een paar woorden is makkelijk te onthouden en moeilijk te raden.',
    passwordShort: 'Kies een wachtwoord van minstens 12 tekens.',
    repeat: 'Herhaal het wachtwoord',
    repeatDifferent: 'De twee wachtwoorden zijn niet hetzelfde.',
    submit: 'Account activeren',
    busy: 'Bezig met activeren…',
    invalidToken:
      'Dit activatietoken is niet (meer) geldig. Het kan maar één keer worden gebruikt en is 7 dagen geldig. Vraag de beheerder om een nieuw token.',
    done: 'Uw account is geactiveerd. U kunt nu inloggen met uw e-mailadres en het wachtwoord dat u net heeft gekozen.',
    toLogin: 'Naar inloggen',
  },
  {
    title: 'Activate your account',
    intro:
      'The Gezinsplan administrator gave you an activation token. Use it to choose a password of your own. Nobody else knows this password.',
    token: 'Activation token',
    tokenMissing: 'Enter the activation token.',
    password: 'New password',
    passwordHint: 'At least 12 characters. A sentence of a few words is easy to remember and hard to guess.',
    passwordShort: 'Choose a password of at least 12 characters.',
    repeat: 'Repeat the password',
    repeatDifferent: 'The two passwords are not the same.',
    submit: 'Activate account',
    busy: 'Activating…',
    invalidToken:
      'This activation token is not valid (any more). It can be used once and is valid for 7 days. Ask the administrator for a new token.',
    done: 'Your account is active. You can now log in with your e-mail address and the password you just chose.',
    toLogin: 'Go to log in',
  },
);

type Field = 'token' | 'password' | 'repeat';

/** A new professional chooses their own password with the one-time token from the administrator. */
@Component({
  selector: 'gp-activate-page',
  imports: [ReactiveFormsModule, RouterLink],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="activate">
      <h1>{{ t().title }}</h1>
      @if (done()) {
        <p class="gp-alert gp-alert--success" role="status">{{ t().done }}</p>
        <p>
          <a routerLink="/inloggen">{{ t().toLogin }}</a>
        </p>
      } @else {
        <p>{{ t().intro }}</p>
        @if (error(); as message) {
          <div class="gp-alert gp-alert--error" role="alert">{{ message }}</div>
        }
        <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
          <div class="gp-field">
            <label for="token">{{ t().token }}</label>
            <input
              id="token"
              formControlName="token"
              autocomplete="one-time-code"
              required
              [attr.aria-invalid]="invalid('token')"
              [attr.aria-describedby]="invalid('token') ? 'token-fout' : null"
            />
            @if (invalid('token')) {
              <p class="gp-field__error" id="token-fout">{{ t().tokenMissing }}</p>
            }
          </div>
          <div class="gp-field">
            <label for="new-password">{{ t().password }}</label>
            <p class="gp-field__hint" id="password-hint">{{ t().passwordHint }}</p>
            <input
              id="new-password"
              type="password"
              formControlName="password"
              autocomplete="new-password"
              required
              [attr.aria-invalid]="invalid('password')"
              [attr.aria-describedby]="invalid('password') ? 'password-hint password-fout' : 'password-hint'"
            />
            @if (invalid('password')) {
              <p class="gp-field__error" id="password-fout">{{ t().passwordShort }}</p>
            }
          </div>
          <div class="gp-field">
            <label for="repeat-password">{{ t().repeat }}</label>
            <input
              id="repeat-password"
              type="password"
              formControlName="repeat"
              autocomplete="new-password"
              required
              [attr.aria-invalid]="invalid('repeat')"
              [attr.aria-describedby]="invalid('repeat') ? 'repeat-fout' : null"
            />
            @if (invalid('repeat')) {
              <p class="gp-field__error" id="repeat-fout">{{ t().repeatDifferent }}</p>
            }
          </div>
          <button type="submit" class="gp-button" [disabled]="busy()">{{ busy() ? t().busy : t().submit }}</button>
        </form>
      }
    </div>
  `,
  styles: `
    .activate {
      max-width: 32rem;
    }
  `,
})
export class ActivatePage implements OnInit {
  private readonly http = inject(HttpClient);
  private readonly i18n = inject(I18n);
  protected readonly t = this.i18n.texts(TEXTS);
  /** `/activeren?token=…`: the link the administrator may send along. */
  readonly token = input<string>();
  protected readonly busy = signal(false);
  protected readonly done = signal(false);
  protected readonly error = signal<string | null>(null);
  private readonly submitted = signal(false);
  protected readonly form = new FormGroup({
    token: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
    password: new FormControl('', {
      nonNullable: true,
      validators: [Validators.required, Validators.minLength(MIN_PASSWORD)],
    }),
    repeat: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
  });

  ngOnInit(): void {
    const token = this.token();
    if (token) this.form.controls.token.setValue(token);
  }

  protected invalid(field: Field): boolean {
    if (!this.submitted()) return false;
    if (field === 'repeat') return this.form.controls.repeat.value !== this.form.controls.password.value;
    return this.form.controls[field].invalid;
  }

  protected async submit(): Promise<void> {
    this.submitted.set(true);
    this.error.set(null);
    if (this.form.invalid || this.invalid('repeat')) return;
    this.busy.set(true);
    const { token, password } = this.form.getRawValue();
    const body: ActivateAccountRequest = { token: token.trim(), password };
    try {
      await firstValueFrom(this.http.post<void>('/api/auth/activate', body));
      this.done.set(true);
    } catch (err) {
      this.error.set(tokenRefused(err) ? this.t().invalidToken : errorText(err, this.i18n.lang()));
    } finally {
      this.busy.set(false);
    }
  }
}

/** The API refuses an unknown, used or expired token as a validation error on the `token` field. */
function tokenRefused(err: unknown): boolean {
  if (errorCode(err) !== 'VALIDATION_FAILED' || !(err instanceof HttpErrorResponse)) return false;
  const details = (err.error as { details?: FieldError[] } | null)?.details;
  return Array.isArray(details) && details.some((d) => d.field === 'token');
}

import { ChangeDetectionStrategy, Component, inject, input, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { Router } from '@angular/router';
import { errorText } from '../../core/error-text';
import { defineTexts, I18n } from '../../core/i18n';
import { Session } from '../../core/session';
import { SsoLogin } from './sso-login';

const TEXTS = defineTexts(
  {
    title: 'Inloggen',
    intro: 'Log in om het gezinsplan te bekijken en bij te werken.',
    expired: 'Uw sessie is verlopen. Log opnieuw in om verder te gaan.',
    email: 'E-mailadres',
    emailInvalid: 'Vul een geldig e-mailadres in.',
    password: 'Wachtwoord',
    passwordMissing: 'Vul uw wachtwoord in.',
    busy: 'Bezig met inloggen…',
    submit: 'Inloggen',
  },
  {
    title: 'Log in',
    intro: 'Log in to read and update the family plan.',
    expired: 'Your session has ended. Log in again to continue.',
    email: 'E-mail address',
    emailInvalid: 'Enter a valid e-mail address.',
    password: 'Password',
    passwordMissing: 'Enter your password.',
    busy: 'Logging in…',
    submit: 'Log in',
  },
);

@Component({
  selector: 'gp-login-page',
  imports: [ReactiveFormsModule, SsoLogin],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="login">
      <h1>{{ t().title }}</h1>
      <p>{{ t().intro }}</p>
      @if (session.endedReason() === 'expired') {
        <p class="notice" role="status">{{ t().expired }}</p>
      }
      @if (error(); as message) {
        <div class="error" role="alert" id="login-fout">{{ message }}</div>
      }
      <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
        <div class="gp-field">
          <label for="email">{{ t().email }}</label>
          <input
            id="email"
            type="email"
            formControlName="email"
            autocomplete="username"
            required
            [attr.aria-invalid]="showInvalid('email')"
            [attr.aria-describedby]="showInvalid('email') ? 'email-fout' : null"
          />
          @if (showInvalid('email')) {
            <p class="field__error" id="email-fout">{{ t().emailInvalid }}</p>
          }
        </div>
        <div class="gp-field">
          <label for="password">{{ t().password }}</label>
          <input
            id="password"
            type="password"
            formControlName="password"
            autocomplete="current-password"
            required
            [attr.aria-invalid]="showInvalid('password')"
            [attr.aria-describedby]="showInvalid('password') ? 'password-fout' : null"
          />
          @if (showInvalid('password')) {
            <p class="field__error" id="password-fout">{{ t().passwordMissing }}</p>
          }
        </div>
        <button type="submit" class="gp-button" [disabled]="busy()">
          {{ busy() ? t().busy : t().submit }}
        </button>
      </form>
      <gp-sso-login />
    </div>
  `,
  styles: `
    .login {
      max-width: 28rem;
    }
    .field__error,
    .error {
      color: var(--gp-color-error);
      font-weight: 700;
      margin: 0;
    }
    .error {
      border-left: 4px solid var(--gp-color-error);
      padding: var(--gp-space-2) var(--gp-space-3);
      background: #fdf0f1;
      margin-bottom: var(--gp-space-3);
    }
    .notice {
      border-left: 4px solid var(--gp-color-primary);
      padding: var(--gp-space-2) var(--gp-space-3);
      background: var(--gp-color-bg-subtle);
    }
  `,
})
export class LoginPage {
  protected readonly session = inject(Session);
  private readonly i18n = inject(I18n);
  protected readonly t = this.i18n.texts(TEXTS);
  private readonly router = inject(Router);
  /** Where to go after logging in (set by the guard). */
  readonly terug = input<string>();
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  private readonly submitted = signal(false);
  protected readonly form = new FormGroup({
    email: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.email] }),
    password: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
  });

  protected showInvalid(name: 'email' | 'password'): boolean {
    return this.submitted() && this.form.controls[name].invalid;
  }

  protected async submit(): Promise<void> {
    this.submitted.set(true);
    this.error.set(null);
    if (this.form.invalid) return;
    this.busy.set(true);
    try {
      await this.session.login(this.form.getRawValue());
      const target = this.terug();
      await this.router.navigateByUrl(target?.startsWith('/') && !target.startsWith('//') ? target : '/');
    } catch (err) {
      this.error.set(errorText(err, this.i18n.lang()));
    } finally {
      this.busy.set(false);
    }
  }
}

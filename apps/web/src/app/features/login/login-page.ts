import { ChangeDetectionStrategy, Component, ElementRef, inject, input, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { Router } from '@angular/router';
import type { SecondFactorChallenge, TotpEnrolment } from '@gezinsplan/contracts';
import { HttpErrorResponse } from '@angular/common/http';
import { errorCode, errorText } from '../../core/error-text';
import { defineTexts, I18n } from '../../core/i18n';
import { Session } from '../../core/session';
import { SsoLogin } from './sso-login';
import { RecoveryCodesComponent } from '../account/recovery-codes';
import { TotpEnrolmentComponent } from '../account/totp-enrolment';

type Step = 'password' | 'code' | 'enrol' | 'codes';

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
    idle: 'U bent automatisch uitgelogd omdat u een tijd niets heeft gedaan. Log opnieuw in om verder te gaan.',
    codeTitle: 'Inloggen: tweede stap',
    codeIntro: 'Open de authenticator-app op uw telefoon en vul de code van 6 cijfers in.',
    code: 'Code uit de app',
    codeHint: '6 cijfers, zonder spaties',
    codeInvalid: 'Vul de 6 cijfers uit de app in.',
    recoveryIntro: 'Vul een van uw herstelcodes in. Elke herstelcode werkt één keer.',
    recoveryCode: 'Herstelcode',
    recoveryHint: 'Bijvoorbeeld abcd-efgh-jkmn',
    recoveryInvalid: 'Vul een herstelcode in.',
    useRecovery: 'Ik kan de app niet gebruiken: herstelcode invullen',
    useCode: 'Toch de code uit de app gebruiken',
    verify: 'Controleren',
    verifying: 'Bezig met controleren…',
    wrongCode: 'Deze code klopt niet. Controleer de code en probeer het opnieuw.',
    reusedCode: 'Deze code is al gebruikt. Wacht op de volgende code in de app.',
    challengeExpired: 'Deze inlogpoging is verlopen. Log opnieuw in.',
    enrolTitle: 'Inloggen in twee stappen instellen',
    enrolIntro:
      'Voor uw rol is inloggen in twee stappen verplicht: naast uw wachtwoord gebruikt u een code uit een app op uw telefoon. Dit stelt u één keer in.',
    enrolLoading: 'Bezig met voorbereiden…',
    restart: 'Opnieuw inloggen',
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
    idle: 'You were logged out automatically because you were inactive for a while. Log in again to continue.',
    codeTitle: 'Log in: second step',
    codeIntro: 'Open the authenticator app on your phone and enter the 6-digit code.',
    code: 'Code from the app',
    codeHint: '6 digits, no spaces',
    codeInvalid: 'Enter the 6 digits from the app.',
    recoveryIntro: 'Enter one of your recovery codes. Each recovery code works once.',
    recoveryCode: 'Recovery code',
    recoveryHint: 'For example abcd-efgh-jkmn',
    recoveryInvalid: 'Enter a recovery code.',
    useRecovery: 'I cannot use the app: enter a recovery code',
    useCode: 'Use the code from the app after all',
    verify: 'Verify',
    verifying: 'Verifying…',
    wrongCode: 'This code is not correct. Check the code and try again.',
    reusedCode: 'This code was used already. Wait for the next code in the app.',
    challengeExpired: 'This login attempt has expired. Please log in again.',
    enrolTitle: 'Set up two-step login',
    enrolIntro:
      'Your role must log in in two steps: besides your password you use a code from an app on your phone. You set this up once.',
    enrolLoading: 'Preparing…',
    restart: 'Log in again',
  },
);

@Component({
  selector: 'gp-login-page',
  imports: [ReactiveFormsModule, SsoLogin, TotpEnrolmentComponent, RecoveryCodesComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="login">
      @switch (step()) {
        @case ('password') {
          <h1>{{ t().title }}</h1>
          <p>{{ t().intro }}</p>
          @if (session.endedReason() === 'expired') {
            <p class="notice" role="status">{{ t().expired }}</p>
          }
          @if (session.endedReason() === 'idle') {
            <p class="notice" role="status">{{ t().idle }}</p>
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
        }
        @case ('code') {
          <h1 tabindex="-1" id="stap-kop">{{ t().codeTitle }}</h1>
          <p>{{ useRecovery() ? t().recoveryIntro : t().codeIntro }}</p>
          @if (error(); as message) {
            <div class="error" role="alert" id="login-fout">{{ message }}</div>
          }
          <form [formGroup]="codeForm" (ngSubmit)="submitCode()" novalidate>
            @if (useRecovery()) {
              <div class="gp-field">
                <label for="recovery-code">{{ t().recoveryCode }}</label>
                <p class="gp-field__hint" id="recovery-code-hint">{{ t().recoveryHint }}</p>
                <input
                  id="recovery-code"
                  type="text"
                  autocomplete="off"
                  spellcheck="false"
                  formControlName="recoveryCode"
                  [attr.aria-invalid]="codeMissing()"
                  [attr.aria-describedby]="codeMissing() ? 'recovery-code-hint code-fout' : 'recovery-code-hint'"
                />
                @if (codeMissing()) {
                  <p class="field__error" id="code-fout">{{ t().recoveryInvalid }}</p>
                }
              </div>
            } @else {
              <div class="gp-field">
                <label for="code">{{ t().code }}</label>
                <p class="gp-field__hint" id="code-hint">{{ t().codeHint }}</p>
                <input
                  id="code"
                  type="text"
                  inputmode="numeric"
                  autocomplete="one-time-code"
                  maxlength="7"
                  formControlName="code"
                  [attr.aria-invalid]="codeMissing()"
                  [attr.aria-describedby]="codeMissing() ? 'code-hint code-fout' : 'code-hint'"
                />
                @if (codeMissing()) {
                  <p class="field__error" id="code-fout">{{ t().codeInvalid }}</p>
                }
              </div>
            }
            <div class="actions">
              <button type="submit" class="gp-button" [disabled]="busy()">
                {{ busy() ? t().verifying : t().verify }}
              </button>
              <button type="button" class="gp-link-button" (click)="toggleRecovery()">
                {{ useRecovery() ? t().useCode : t().useRecovery }}
              </button>
            </div>
          </form>
        }
        @case ('enrol') {
          <h1 tabindex="-1" id="stap-kop">{{ t().enrolTitle }}</h1>
          <p>{{ t().enrolIntro }}</p>
          @if (enrolment(); as e) {
            <gp-totp-enrolment [enrolment]="e" [busy]="busy()" [error]="error()" (confirm)="confirmEnrolment($event)" />
          } @else if (error(); as message) {
            <div class="error" role="alert" id="login-fout">{{ message }}</div>
          } @else {
            <p role="status">{{ t().enrolLoading }}</p>
          }
        }
        @case ('codes') {
          <gp-recovery-codes [codes]="recoveryCodes()" (done)="proceed()" />
        }
      }
      @if (step() === 'code' || (step() === 'enrol' && !enrolment())) {
        <p class="restart">
          <button type="button" class="gp-link-button" (click)="restart()">{{ t().restart }}</button>
        </p>
      }
    </div>
  `,
  styles: `
    .login {
      max-width: 36rem;
    }
    .login form {
      max-width: 28rem;
    }
    .actions {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: var(--gp-space-3);
    }
    .restart {
      margin-top: var(--gp-space-4);
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

  protected readonly step = signal<Step>('password');
  protected readonly useRecovery = signal(false);
  protected readonly enrolment = signal<TotpEnrolment | null>(null);
  protected readonly recoveryCodes = signal<string[]>([]);
  protected readonly codeMissing = signal(false);
  protected readonly code = new FormControl('', {
    nonNullable: true,
    validators: [Validators.required, Validators.pattern(/^\s*\d{3}\s?\d{3}\s*$/)],
  });
  protected readonly recoveryCode = new FormControl('', {
    nonNullable: true,
    validators: [Validators.required, Validators.pattern(/^\s*[A-Za-z0-9-]{12,20}\s*$/)],
  });
  protected readonly codeForm = new FormGroup({ code: this.code, recoveryCode: this.recoveryCode });
  private challenge: SecondFactorChallenge | null = null;
  private readonly host: ElementRef<HTMLElement> = inject(ElementRef);

  protected async submit(): Promise<void> {
    this.submitted.set(true);
    this.error.set(null);
    if (this.form.invalid) return;
    this.busy.set(true);
    try {
      const challenge = await this.session.login(this.form.getRawValue());
      if (!challenge) {
        await this.proceed();
        return;
      }
      this.challenge = challenge;
      this.form.controls.password.reset('');
      if (challenge.mfa === 'required') {
        this.goTo('code');
      } else {
        this.goTo('enrol');
        this.enrolment.set(await this.session.startLoginEnrolment(challenge.mfaToken));
      }
    } catch (err) {
      this.error.set(this.secondFactorError(err));
    } finally {
      this.busy.set(false);
    }
  }

  protected async submitCode(): Promise<void> {
    const control = this.useRecovery() ? this.recoveryCode : this.code;
    this.error.set(null);
    this.codeMissing.set(control.invalid);
    if (control.invalid || !this.challenge) return;
    this.busy.set(true);
    try {
      const value = control.value.trim().replace(/\s/g, '');
      await this.session.loginSecondFactor(
        this.useRecovery()
          ? { mfaToken: this.challenge.mfaToken, recoveryCode: value }
          : { mfaToken: this.challenge.mfaToken, code: value },
      );
      await this.proceed();
    } catch (err) {
      control.reset('');
      this.error.set(this.secondFactorError(err));
    } finally {
      this.busy.set(false);
    }
  }

  protected async confirmEnrolment(code: string): Promise<void> {
    if (!this.challenge) return;
    this.error.set(null);
    this.busy.set(true);
    try {
      this.recoveryCodes.set(await this.session.confirmLoginEnrolment(this.challenge.mfaToken, code));
      this.challenge = null;
      this.goTo('codes');
    } catch (err) {
      this.error.set(this.secondFactorError(err));
    } finally {
      this.busy.set(false);
    }
  }

  protected toggleRecovery(): void {
    this.useRecovery.update((v) => !v);
    this.codeMissing.set(false);
    this.error.set(null);
    setTimeout(() => this.host.nativeElement.querySelector<HTMLInputElement>('#code, #recovery-code')?.focus());
  }

  protected restart(): void {
    this.challenge = null;
    this.enrolment.set(null);
    this.useRecovery.set(false);
    this.error.set(null);
    this.submitted.set(false);
    this.step.set('password');
  }

  protected async proceed(): Promise<void> {
    const target = this.terug();
    await this.router.navigateByUrl(target?.startsWith('/') && !target.startsWith('//') ? target : '/');
  }

  /** Moves to a step and puts the focus on its heading, so screen readers announce the new step. */
  private goTo(step: Step): void {
    this.step.set(step);
    setTimeout(() => this.host.nativeElement.querySelector<HTMLElement>('#stap-kop, #codes-kop')?.focus());
  }

  private secondFactorError(err: unknown): string {
    const t = this.t();
    const code = errorCode(err);
    if (code === 'INVALID_SECOND_FACTOR') {
      const reason = err instanceof HttpErrorResponse ? (err.error as { details?: { reason?: string } }).details : null;
      return reason?.reason === 'reused' ? t.reusedCode : t.wrongCode;
    }
    if (code === 'UNAUTHENTICATED' && this.step() !== 'password') return t.challengeExpired;
    if (code === 'VALIDATION_FAILED' && this.step() === 'enrol') return t.wrongCode;
    return errorText(err, this.i18n.lang());
  }
}

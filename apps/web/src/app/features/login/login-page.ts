import { ChangeDetectionStrategy, Component, inject, input, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { Router } from '@angular/router';
import { errorText } from '../../core/error-text';
import { Session } from '../../core/session';

@Component({
  selector: 'gp-login-page',
  imports: [ReactiveFormsModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="login">
      <h1>Inloggen</h1>
      <p>Log in om het gezinsplan te bekijken en bij te werken.</p>
      @if (session.endedReason() === 'expired') {
        <p class="notice" role="status">Uw sessie is verlopen. Log opnieuw in om verder te gaan.</p>
      }
      @if (error(); as message) {
        <div class="error" role="alert" id="login-fout">{{ message }}</div>
      }
      <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
        <div class="gp-field">
          <label for="email">E-mailadres</label>
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
            <p class="field__error" id="email-fout">Vul een geldig e-mailadres in.</p>
          }
        </div>
        <div class="gp-field">
          <label for="password">Wachtwoord</label>
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
            <p class="field__error" id="password-fout">Vul uw wachtwoord in.</p>
          }
        </div>
        <button type="submit" class="gp-button" [disabled]="busy()">
          {{ busy() ? 'Bezig met inloggen…' : 'Inloggen' }}
        </button>
      </form>
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
      await this.router.navigateByUrl(target?.startsWith('/') ? target : '/gezinnen');
    } catch (err) {
      this.error.set(errorText(err));
    } finally {
      this.busy.set(false);
    }
  }
}

import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, ElementRef, inject, type OnInit, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import {
  type FieldError,
  MIN_PASSWORD_LENGTH,
  type SecondFactorStatus,
  type TotpEnrolment,
} from '@gezinsplan/contracts';
import { errorCode, errorText } from '../../core/error-text';
import { defineTexts, fill, I18n } from '../../core/i18n';
import { AccountApi } from './account-api';
import { RecoveryCodesComponent } from './recovery-codes';
import { TotpEnrolmentComponent } from './totp-enrolment';

const TEXTS = defineTexts(
  {
    title: 'Mijn account',
    loading: 'Bezig met laden…',
    mfaHeading: 'Inloggen in twee stappen',
    mfaIntro:
      'Met inloggen in twee stappen heeft u naast uw wachtwoord een code nodig uit een app op uw telefoon. Zo kan niemand anders inloggen, ook niet als hij uw wachtwoord kent.',
    mfaOn: 'Inloggen in twee stappen staat aan.',
    mfaOff: 'Inloggen in twee stappen staat uit.',
    mfaRequired: 'Voor uw rol is dit verplicht; u kunt het niet uitzetten.',
    codesLeft: 'U heeft nog {n} ongebruikte herstelcodes.',
    enable: 'Inloggen in twee stappen instellen',
    cancel: 'Annuleren',
    enabledDone: 'Inloggen in twee stappen staat nu aan.',
    regenHeading: 'Nieuwe herstelcodes',
    regenIntro:
      'Maak nieuwe herstelcodes als u de oude kwijt bent of (bijna) heeft gebruikt. De oude codes werken dan niet meer.',
    code: 'Code uit de app',
    codeHint: '6 cijfers, zonder spaties',
    codeInvalid: 'Vul de 6 cijfers uit de app in.',
    regen: 'Nieuwe herstelcodes maken',
    disableHeading: 'Uitzetten',
    disableIntro: 'Vul uw wachtwoord in om inloggen in twee stappen uit te zetten.',
    password: 'Wachtwoord',
    passwordMissing: 'Vul uw wachtwoord in.',
    disable: 'Uitzetten',
    disabledDone: 'Inloggen in twee stappen staat nu uit.',
    wrongCode: 'Deze code klopt niet of is al gebruikt. Wacht op de volgende code in de app.',
    wrongPassword: 'Dit wachtwoord klopt niet.',
    pwHeading: 'Wachtwoord wijzigen',
    pwIntro: 'Na het wijzigen bent u op al uw andere apparaten uitgelogd.',
    current: 'Huidig wachtwoord',
    next: 'Nieuw wachtwoord',
    nextHint: 'Minstens 12 tekens. Een zin van een paar woorden is makkelijk te onthouden en moeilijk te raden.',
    nextShort: 'Kies een wachtwoord van minstens 12 tekens.',
    nextSame: 'Het nieuwe wachtwoord moet anders zijn dan het huidige.',
    repeat: 'Herhaal het nieuwe wachtwoord',
    repeatDifferent: 'De twee wachtwoorden zijn niet hetzelfde.',
    change: 'Wachtwoord wijzigen',
    changed: 'Uw wachtwoord is gewijzigd. Op uw andere apparaten bent u uitgelogd.',
    busy: 'Bezig…',
  },
  {
    title: 'My account',
    loading: 'Loading…',
    mfaHeading: 'Two-step login',
    mfaIntro:
      'With two-step login you need, besides your password, a code from an app on your phone. So nobody else can log in, even if they know your password.',
    mfaOn: 'Two-step login is on.',
    mfaOff: 'Two-step login is off.',
    mfaRequired: 'Your role must use it; you cannot turn it off.',
    codesLeft: 'You have {n} unused recovery codes left.',
    enable: 'Set up two-step login',
    cancel: 'Cancel',
    enabledDone: 'Two-step login is on now.',
    regenHeading: 'New recovery codes',
    regenIntro:
      'Make new recovery codes if you lost the old ones or (almost) used them up. The old codes stop working.',
    code: 'Code from the app',
    codeHint: '6 digits, no spaces',
    codeInvalid: 'Enter the 6 digits from the app.',
    regen: 'Make new recovery codes',
    disableHeading: 'Turn off',
    disableIntro: 'Enter your password to turn two-step login off.',
    password: 'Password',
    passwordMissing: 'Enter your password.',
    disable: 'Turn off',
    disabledDone: 'Two-step login is off now.',
    wrongCode: 'This code is not correct or was used already. Wait for the next code in the app.',
    wrongPassword: 'This password is not correct.',
    pwHeading: 'Change password',
    pwIntro: 'After the change you are logged out on all your other devices.',
    current: 'Current password',
    next: 'New password',
    nextHint: 'At least 12 characters. A sentence of a few words is easy to remember and hard to guess.',
    nextShort: 'Choose a password of at least 12 characters.',
    nextSame: 'The new password must differ from the current one.',
    repeat: 'Repeat the new password',
    repeatDifferent: 'The two passwords are not the same.',
    change: 'Change password',
    changed: 'Your password has been changed. You are logged out on your other devices.',
    busy: 'Working…',
  },
);

type Mode = 'view' | 'enrol' | 'codes';

/** The own account: two-step login (on, off, new recovery codes) and the password. */
@Component({
  selector: 'gp-account-page',
  imports: [ReactiveFormsModule, TotpEnrolmentComponent, RecoveryCodesComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1>{{ t().title }}</h1>
    <section class="gp-card" aria-labelledby="mfa-kop">
      <h2 id="mfa-kop" tabindex="-1">{{ t().mfaHeading }}</h2>
      @switch (mode()) {
        @case ('enrol') {
          @if (enrolment(); as e) {
            <gp-totp-enrolment [enrolment]="e" [busy]="busy()" [error]="error()" (confirm)="confirmEnrolment($event)" />
          }
          <button type="button" class="gp-button gp-button--secondary cancel" (click)="cancelEnrolment()">
            {{ t().cancel }}
          </button>
        }
        @case ('codes') {
          <gp-recovery-codes [codes]="recoveryCodes()" (done)="codesSaved()" />
        }
        @default {
          <p>{{ t().mfaIntro }}</p>
          @if (notice(); as message) {
            <p class="gp-alert gp-alert--success" role="status">{{ message }}</p>
          }
          @if (error(); as message) {
            <div class="gp-alert gp-alert--error" role="alert">{{ message }}</div>
          }
          @if (status(); as s) {
            <p>
              <strong>{{ s.enabled ? t().mfaOn : t().mfaOff }}</strong>
              @if (s.required) {
                {{ t().mfaRequired }}
              }
            </p>
            @if (s.enabled) {
              <p data-testid="codes-left">{{ fill(t().codesLeft, { n: s.recoveryCodesLeft }) }}</p>
              <h3>{{ t().regenHeading }}</h3>
              <p>{{ t().regenIntro }}</p>
              <form [formGroup]="regenForm" (ngSubmit)="regenerate()" novalidate>
                <div class="gp-field">
                  <label for="regen-code">{{ t().code }}</label>
                  <p class="gp-field__hint" id="regen-code-hint">{{ t().codeHint }}</p>
                  <input
                    id="regen-code"
                    type="text"
                    inputmode="numeric"
                    autocomplete="one-time-code"
                    maxlength="7"
                    formControlName="code"
                    [attr.aria-invalid]="regenInvalid()"
                    [attr.aria-describedby]="regenInvalid() ? 'regen-code-hint regen-code-fout' : 'regen-code-hint'"
                  />
                  @if (regenInvalid()) {
                    <p class="gp-field__error" id="regen-code-fout">{{ t().codeInvalid }}</p>
                  }
                </div>
                <button type="submit" class="gp-button gp-button--secondary" [disabled]="busy()">
                  {{ t().regen }}
                </button>
              </form>
              @if (!s.required) {
                <h3>{{ t().disableHeading }}</h3>
                <p>{{ t().disableIntro }}</p>
                <form [formGroup]="disableForm" (ngSubmit)="disable()" novalidate>
                  <div class="gp-field">
                    <label for="disable-password">{{ t().password }}</label>
                    <input
                      id="disable-password"
                      type="password"
                      autocomplete="current-password"
                      formControlName="password"
                      [attr.aria-invalid]="disableInvalid()"
                      [attr.aria-describedby]="disableInvalid() ? 'disable-password-fout' : null"
                    />
                    @if (disableInvalid()) {
                      <p class="gp-field__error" id="disable-password-fout">{{ t().passwordMissing }}</p>
                    }
                  </div>
                  <button type="submit" class="gp-button gp-button--secondary" [disabled]="busy()">
                    {{ t().disable }}
                  </button>
                </form>
              }
            } @else {
              <button id="mfa-aanzetten" type="button" class="gp-button" [disabled]="busy()" (click)="startEnrolment()">
                {{ t().enable }}
              </button>
            }
          } @else if (!error()) {
            <p role="status">{{ t().loading }}</p>
          }
        }
      }
    </section>

    <section class="gp-card" aria-labelledby="pw-kop">
      <h2 id="pw-kop">{{ t().pwHeading }}</h2>
      <p>{{ t().pwIntro }}</p>
      @if (pwNotice(); as message) {
        <p class="gp-alert gp-alert--success" role="status">{{ message }}</p>
      }
      @if (pwError(); as message) {
        <div class="gp-alert gp-alert--error" role="alert">{{ message }}</div>
      }
      <form [formGroup]="pw" (ngSubmit)="changePassword()" novalidate>
        <div class="gp-field">
          <label for="pw-current">{{ t().current }}</label>
          <input
            id="pw-current"
            type="password"
            formControlName="current"
            autocomplete="current-password"
            [attr.aria-invalid]="pwField('current') !== null"
            [attr.aria-describedby]="pwField('current') ? 'pw-current-fout' : null"
          />
          @if (pwField('current'); as message) {
            <p class="gp-field__error" id="pw-current-fout">{{ message }}</p>
          }
        </div>
        <div class="gp-field">
          <label for="pw-next">{{ t().next }}</label>
          <p class="gp-field__hint" id="pw-next-hint">{{ t().nextHint }}</p>
          <input
            id="pw-next"
            type="password"
            formControlName="next"
            autocomplete="new-password"
            [attr.aria-invalid]="pwField('next') !== null"
            [attr.aria-describedby]="pwField('next') ? 'pw-next-hint pw-next-fout' : 'pw-next-hint'"
          />
          @if (pwField('next'); as message) {
            <p class="gp-field__error" id="pw-next-fout">{{ message }}</p>
          }
        </div>
        <div class="gp-field">
          <label for="pw-repeat">{{ t().repeat }}</label>
          <input
            id="pw-repeat"
            type="password"
            formControlName="repeat"
            autocomplete="new-password"
            [attr.aria-invalid]="pwField('repeat') !== null"
            [attr.aria-describedby]="pwField('repeat') ? 'pw-repeat-fout' : null"
          />
          @if (pwField('repeat'); as message) {
            <p class="gp-field__error" id="pw-repeat-fout">{{ message }}</p>
          }
        </div>
        <button type="submit" class="gp-button" [disabled]="busy()">{{ busy() ? t().busy : t().change }}</button>
      </form>
    </section>
  `,
  styles: `
    :host {
      display: block;
      max-width: 44rem;
    }
    section {
      margin-bottom: var(--gp-space-4);
    }
    form {
      max-width: 28rem;
      margin-bottom: var(--gp-space-3);
    }
    input {
      max-width: 100%;
    }
    .cancel {
      margin-top: var(--gp-space-2);
    }
  `,
})
export class AccountPage implements OnInit {
  private readonly api = inject(AccountApi);
  private readonly i18n = inject(I18n);
  private readonly host: ElementRef<HTMLElement> = inject(ElementRef);
  protected readonly t = this.i18n.texts(TEXTS);
  protected readonly fill = fill;
  protected readonly status = signal<SecondFactorStatus | null>(null);
  protected readonly mode = signal<Mode>('view');
  protected readonly enrolment = signal<TotpEnrolment | null>(null);
  protected readonly recoveryCodes = signal<string[]>([]);
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly notice = signal<string | null>(null);
  protected readonly regenInvalid = signal(false);
  protected readonly disableInvalid = signal(false);
  protected readonly regenCode = new FormControl('', {
    nonNullable: true,
    validators: [Validators.required, Validators.pattern(/^\s*\d{3}\s?\d{3}\s*$/)],
  });
  protected readonly disablePassword = new FormControl('', { nonNullable: true, validators: [Validators.required] });
  protected readonly regenForm = new FormGroup({ code: this.regenCode });
  protected readonly disableForm = new FormGroup({ password: this.disablePassword });
  protected readonly pw = new FormGroup({
    current: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
    next: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
    repeat: new FormControl('', { nonNullable: true }),
  });
  protected readonly pwNotice = signal<string | null>(null);
  protected readonly pwError = signal<string | null>(null);
  private readonly pwErrors = signal<
    Partial<Record<'current' | 'next' | 'repeat', 'missing' | 'short' | 'same' | 'different' | 'wrong'>>
  >({});

  async ngOnInit(): Promise<void> {
    await this.load();
  }

  protected pwField(name: 'current' | 'next' | 'repeat'): string | null {
    const t = this.t();
    switch (this.pwErrors()[name]) {
      case 'missing':
        return name === 'current' ? t.passwordMissing : t.nextShort;
      case 'short':
        return t.nextShort;
      case 'same':
        return t.nextSame;
      case 'different':
        return t.repeatDifferent;
      case 'wrong':
        return t.wrongPassword;
      default:
        return null;
    }
  }

  protected async startEnrolment(): Promise<void> {
    await this.run(async () => {
      this.enrolment.set(await this.api.startEnrolment());
      this.mode.set('enrol');
      this.focus('#enrol-kop');
    });
  }

  protected async confirmEnrolment(code: string): Promise<void> {
    await this.run(async () => {
      this.recoveryCodes.set(await this.api.confirmEnrolment(code));
      this.notice.set(this.t().enabledDone);
      this.mode.set('codes');
      this.focus('#codes-kop');
    }, true);
  }

  protected cancelEnrolment(): void {
    this.error.set(null);
    this.mode.set('view');
    this.focus('#mfa-kop');
  }

  protected async codesSaved(): Promise<void> {
    this.recoveryCodes.set([]);
    this.mode.set('view');
    await this.load();
    this.focus('#mfa-kop');
  }

  protected async regenerate(): Promise<void> {
    this.regenInvalid.set(this.regenCode.invalid);
    if (this.regenCode.invalid) return;
    await this.run(async () => {
      this.recoveryCodes.set(await this.api.regenerateRecoveryCodes(this.regenCode.value.replace(/\s/g, '')));
      this.regenCode.reset('');
      this.notice.set(null);
      this.mode.set('codes');
      this.focus('#codes-kop');
    }, true);
  }

  protected async disable(): Promise<void> {
    this.disableInvalid.set(this.disablePassword.invalid);
    if (this.disablePassword.invalid) return;
    await this.run(async () => {
      await this.api.disable(this.disablePassword.value);
      this.disablePassword.reset('');
      this.notice.set(this.t().disabledDone);
      await this.load();
    });
  }

  protected async changePassword(): Promise<void> {
    const { current, next, repeat } = this.pw.getRawValue();
    const errors: ReturnType<typeof this.pwErrors> = {};
    if (!current) errors.current = 'missing';
    if (next.length < MIN_PASSWORD_LENGTH) errors.next = 'short';
    else if (next === current) errors.next = 'same';
    if (repeat !== next) errors.repeat = 'different';
    this.pwErrors.set(errors);
    this.pwNotice.set(null);
    this.pwError.set(null);
    if (Object.keys(errors).length > 0) return;
    this.busy.set(true);
    try {
      await this.api.changePassword({ currentPassword: current, newPassword: next });
      this.pw.reset();
      this.pwNotice.set(this.t().changed);
    } catch (err) {
      const field = fieldOf(err);
      if (field === 'currentPassword') this.pwErrors.set({ current: 'wrong' });
      else if (field === 'newPassword') this.pwErrors.set({ next: 'same' });
      else this.pwError.set(errorText(err, this.i18n.lang()));
    } finally {
      this.busy.set(false);
    }
  }

  private async load(): Promise<void> {
    try {
      this.status.set(await this.api.status());
    } catch (err) {
      this.error.set(errorText(err, this.i18n.lang()));
    }
  }

  /** Runs an action with the busy flag; a wrong code or password becomes a plain sentence. */
  private async run(action: () => Promise<void>, codeStep = false): Promise<void> {
    this.busy.set(true);
    this.error.set(null);
    try {
      await action();
    } catch (err) {
      const field = fieldOf(err);
      if (field === 'code' || (codeStep && errorCode(err) === 'VALIDATION_FAILED')) this.error.set(this.t().wrongCode);
      else if (field === 'password') this.error.set(this.t().wrongPassword);
      else this.error.set(errorText(err, this.i18n.lang()));
    } finally {
      this.busy.set(false);
    }
  }

  private focus(selector: string): void {
    setTimeout(() => this.host.nativeElement.querySelector<HTMLElement>(selector)?.focus());
  }
}

function fieldOf(err: unknown): string | null {
  if (!(err instanceof HttpErrorResponse) || errorCode(err) !== 'VALIDATION_FAILED') return null;
  const details = (err.error as { details?: FieldError[] }).details;
  return Array.isArray(details) && details.length > 0 ? details[0].field : null;
}

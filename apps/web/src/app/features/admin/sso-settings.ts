import { ChangeDetectionStrategy, Component, inject, input, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import type { SsoClaim, SsoConfigResponse } from '@gezinsplan/contracts';
import { firstValueFrom } from 'rxjs';
import { errorText } from '../../core/error-text';
import { conflictOf } from '../../core/http';
import { defineTexts, fill, I18n } from '../../core/i18n';
import { SsoAdminApi } from './sso-admin-api';

const TEXTS = defineTexts(
  {
    toggle: 'Inloggen via organisatie (SSO)',
    toggleFor: 'Inloggen via organisatie (SSO) van {name}',
    loading: 'SSO-instellingen worden geladen…',
    intro:
      'Medewerkers van deze organisatie kunnen inloggen bij hun eigen identity provider (OpenID Connect). Hun account in Gezinsplan moet al bestaan.',
    redirectUri: 'Redirect-URI om bij de identity provider te registreren',
    issuer: 'Issuer-URL',
    issuerHint: 'Bijvoorbeeld https://login.example.nl/realms/zorg (https verplicht).',
    issuerInvalid: 'Vul een https-URL in.',
    clientId: 'Client-ID',
    clientIdInvalid: 'Vul de client-ID in.',
    secret: 'Client secret',
    secretKept: 'Er is een geheim opgeslagen; het wordt nooit getoond. Laat leeg om het te houden.',
    secretNeeded: 'Verplicht bij de eerste keer instellen.',
    secretInvalid: 'Vul het client secret in.',
    claim: 'Gebruiker herkennen aan',
    claimEmail: 'E-mailadres (en daarna de gekoppelde identiteit)',
    claimSub: 'Alleen een eerder gekoppelde identiteit (sub)',
    enabled: 'Inloggen via deze organisatie aanzetten',
    save: 'SSO-instellingen opslaan',
    saved: 'De SSO-instellingen van {name} zijn opgeslagen.',
    conflict:
      'Iemand anders heeft deze SSO-instellingen net aangepast. Het formulier toont nu de huidige versie; vul uw wijziging opnieuw in.',
  },
  {
    toggle: 'Log in via organisation (SSO)',
    toggleFor: 'Log in via organisation (SSO) of {name}',
    loading: 'Loading SSO settings…',
    intro:
      'Staff of this organisation can log in at their own identity provider (OpenID Connect). Their Gezinsplan account must already exist.',
    redirectUri: 'Redirect URI to register at the identity provider',
    issuer: 'Issuer URL',
    issuerHint: 'For example https://login.example.nl/realms/care (https required).',
    issuerInvalid: 'Enter an https URL.',
    clientId: 'Client ID',
    clientIdInvalid: 'Enter the client ID.',
    secret: 'Client secret',
    secretKept: 'A secret is stored; it is never shown. Leave empty to keep it.',
    secretNeeded: 'Required the first time.',
    secretInvalid: 'Enter the client secret.',
    claim: 'Recognise the user by',
    claimEmail: 'E-mail address (then the linked identity)',
    claimSub: 'Only an identity linked before (sub)',
    enabled: 'Turn on logging in via this organisation',
    save: 'Save SSO settings',
    saved: 'The SSO settings of {name} have been saved.',
    conflict:
      'Someone else has just changed these SSO settings. The form now shows the current version; enter your change again.',
  },
);

const ISSUER = /^(https:\/\/[^\s/?#]+|http:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d{1,5})?)(\/[^\s?#]*)?$/;

/** The SSO (OpenID Connect) settings of one organisation, behind a disclosure button in its card. */
@Component({
  selector: 'gp-sso-settings',
  imports: [ReactiveFormsModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <button
      type="button"
      class="gp-link-button toggle"
      [attr.aria-expanded]="open()"
      [attr.aria-controls]="'sso-' + organisationId()"
      [attr.aria-label]="label(t().toggleFor)"
      (click)="toggle()"
    >
      {{ t().toggle }}
    </button>
    <div [id]="'sso-' + organisationId()" [hidden]="!open()">
      @if (open()) {
        @if (!config()) {
          <p role="status">{{ t().loading }}</p>
        }
        <div role="status" aria-live="polite">
          @if (message(); as m) {
            <p class="gp-alert gp-alert--success">{{ m }}</p>
          }
        </div>
        @if (error(); as e) {
          <p class="gp-alert gp-alert--error" role="alert">{{ e }}</p>
        }
        @if (config(); as c) {
          <form [formGroup]="form" (ngSubmit)="save()" novalidate [attr.aria-label]="label(t().toggleFor)">
            <p class="gp-muted">{{ t().intro }}</p>
            <p class="redirect">
              <span>{{ t().redirectUri }}:</span> <code>{{ c.redirectUri }}</code>
            </p>
            <div class="gp-field">
              <label [for]="id('issuer')">{{ t().issuer }}</label>
              <input
                [id]="id('issuer')"
                type="url"
                formControlName="issuer"
                autocomplete="off"
                [attr.aria-invalid]="invalid('issuer') ? 'true' : null"
                [attr.aria-describedby]="id('issuer-hint') + (invalid('issuer') ? ' ' + id('issuer-fout') : '')"
              />
              <p class="gp-field__hint" [id]="id('issuer-hint')">{{ t().issuerHint }}</p>
              @if (invalid('issuer')) {
                <p class="gp-field__error" [id]="id('issuer-fout')">{{ t().issuerInvalid }}</p>
              }
            </div>
            <div class="gp-field">
              <label [for]="id('client')">{{ t().clientId }}</label>
              <input
                [id]="id('client')"
                formControlName="clientId"
                autocomplete="off"
                [attr.aria-invalid]="invalid('clientId') ? 'true' : null"
                [attr.aria-describedby]="invalid('clientId') ? id('client-fout') : null"
              />
              @if (invalid('clientId')) {
                <p class="gp-field__error" [id]="id('client-fout')">{{ t().clientIdInvalid }}</p>
              }
            </div>
            <div class="gp-field">
              <label [for]="id('secret')">{{ t().secret }}</label>
              <input
                [id]="id('secret')"
                type="password"
                formControlName="clientSecret"
                autocomplete="new-password"
                [attr.aria-invalid]="secretMissing() ? 'true' : null"
                [attr.aria-describedby]="id('secret-hint') + (secretMissing() ? ' ' + id('secret-fout') : '')"
              />
              <p class="gp-field__hint" [id]="id('secret-hint')">
                {{ c.clientSecretSet ? t().secretKept : t().secretNeeded }}
              </p>
              @if (secretMissing()) {
                <p class="gp-field__error" [id]="id('secret-fout')">{{ t().secretInvalid }}</p>
              }
            </div>
            <div class="gp-field">
              <label [for]="id('claim')">{{ t().claim }}</label>
              <select [id]="id('claim')" formControlName="claim">
                <option value="email">{{ t().claimEmail }}</option>
                <option value="sub">{{ t().claimSub }}</option>
              </select>
            </div>
            <div class="check">
              <input [id]="id('enabled')" type="checkbox" formControlName="enabled" />
              <label [for]="id('enabled')">{{ t().enabled }}</label>
            </div>
            <button type="submit" class="gp-button" [disabled]="busy()">{{ t().save }}</button>
          </form>
        }
      }
    </div>
  `,
  styles: `
    .toggle {
      margin-top: var(--gp-space-3);
      min-height: 44px;
    }
    .redirect code {
      display: block;
      word-break: break-all;
    }
    .check {
      display: flex;
      gap: var(--gp-space-2);
      align-items: center;
      min-height: 44px;
      margin-bottom: var(--gp-space-3);
    }
    .check input {
      width: 1.25rem;
      height: 1.25rem;
    }
  `,
})
export class SsoSettings {
  readonly organisationId = input.required<string>();
  readonly organisationName = input.required<string>();
  private readonly api = inject(SsoAdminApi);
  private readonly i18n = inject(I18n);
  protected readonly t = this.i18n.texts(TEXTS);
  protected readonly open = signal(false);
  protected readonly config = signal<SsoConfigResponse | null>(null);
  protected readonly busy = signal(false);
  protected readonly submitted = signal(false);
  protected readonly message = signal<string | null>(null);
  protected readonly error = signal<string | null>(null);
  protected readonly form = new FormGroup({
    issuer: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.pattern(ISSUER)] }),
    clientId: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.maxLength(200)] }),
    clientSecret: new FormControl('', { nonNullable: true }),
    claim: new FormControl<SsoClaim>('email', { nonNullable: true }),
    enabled: new FormControl(false, { nonNullable: true }),
  });

  protected id(part: string): string {
    return `sso-${part}-${this.organisationId()}`;
  }

  protected label(text: string): string {
    return fill(text, { name: this.organisationName() });
  }

  protected invalid(name: 'issuer' | 'clientId'): boolean {
    return this.submitted() && this.form.controls[name].invalid;
  }

  protected secretMissing(): boolean {
    return this.submitted() && !this.config()?.clientSecretSet && this.form.controls.clientSecret.value === '';
  }

  protected async toggle(): Promise<void> {
    this.open.update((o) => !o);
    if (this.open() && !this.config()) await this.load();
  }

  protected async save(): Promise<void> {
    this.submitted.set(true);
    this.message.set(null);
    this.error.set(null);
    const current = this.config();
    if (!current || this.form.invalid || this.secretMissing()) return;
    const v = this.form.getRawValue();
    this.busy.set(true);
    try {
      const saved = await firstValueFrom(
        this.api.put(this.organisationId(), current.version, {
          issuer: v.issuer.trim(),
          clientId: v.clientId.trim(),
          enabled: v.enabled,
          claim: v.claim,
          ...(v.clientSecret ? { clientSecret: v.clientSecret } : {}),
        }),
      );
      this.fillForm(saved);
      this.submitted.set(false);
      this.message.set(this.label(this.t().saved));
    } catch (err) {
      const conflict = conflictOf<SsoConfigResponse>(err);
      if (conflict) {
        this.fillForm(conflict.current);
        this.error.set(this.t().conflict);
      } else {
        this.error.set(errorText(err, this.i18n.lang()));
      }
    } finally {
      this.busy.set(false);
    }
  }

  private async load(): Promise<void> {
    try {
      this.fillForm(await firstValueFrom(this.api.get(this.organisationId())));
    } catch (err) {
      this.error.set(errorText(err, this.i18n.lang()));
    }
  }

  private fillForm(config: SsoConfigResponse): void {
    this.config.set(config);
    this.form.reset({
      issuer: config.issuer,
      clientId: config.clientId,
      clientSecret: '',
      claim: config.claim,
      enabled: config.enabled,
    });
  }
}

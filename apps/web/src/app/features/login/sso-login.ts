import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { ActivatedRoute } from '@angular/router';
import type { SsoOrganisationOption } from '@gezinsplan/contracts';
import { firstValueFrom } from 'rxjs';
import { defineTexts, I18n } from '../../core/i18n';
import { SsoApi } from './sso-api';
import { SSO_ERROR_TEXTS, ssoErrorOf } from './sso-texts';

const TEXTS = defineTexts(
  {
    heading: 'Inloggen via uw organisatie',
    intro: 'Werkt u bij een organisatie met een eigen inlog (single sign-on)? Kies uw organisatie.',
    organisation: 'Organisatie',
    go: 'Verder naar uw organisatie',
  },
  {
    heading: 'Log in via your organisation',
    intro: 'Does your organisation have its own login (single sign-on)? Choose your organisation.',
    organisation: 'Organisation',
    go: 'Continue to your organisation',
  },
);

/**
 * The login page's single sign-on part: the organisations that offer it and, after a refused SSO login, why.
 * Choosing one navigates the whole page to the API, which redirects to the organisation's identity provider.
 */
@Component({
  selector: 'gp-sso-login',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (error(); as code) {
      <div class="gp-alert gp-alert--error" role="alert" id="sso-fout">{{ errors()[code] }}</div>
    }
    @if (options().length > 0) {
      <!-- A group with a legend, not a heading: the page keeps one heading that says "Inloggen". -->
      <form class="sso" (submit)="go($event, choice.value)">
        <fieldset>
          <legend>{{ t().heading }}</legend>
          <p>{{ t().intro }}</p>
          <div class="gp-field">
            <label for="sso-organisatie">{{ t().organisation }}</label>
            <select id="sso-organisatie" #choice>
              @for (option of options(); track option.id) {
                <option [value]="option.id">{{ option.name }}</option>
              }
            </select>
          </div>
          <button type="submit" class="gp-button gp-button--secondary">{{ t().go }}</button>
        </fieldset>
      </form>
    }
  `,
  styles: `
    .sso {
      margin-top: var(--gp-space-5);
      padding-top: var(--gp-space-4);
      border-top: 1px solid var(--gp-color-border);
    }
    .sso fieldset {
      border: 0;
      margin: 0;
      padding: 0;
    }
    .sso legend {
      font-size: 1.25rem;
      font-weight: 700;
      padding: 0;
      margin-bottom: var(--gp-space-2);
    }
    #sso-fout {
      margin-top: var(--gp-space-3);
    }
  `,
})
export class SsoLogin {
  private readonly api = inject(SsoApi);
  private readonly i18n = inject(I18n);
  protected readonly t = this.i18n.texts(TEXTS);
  protected readonly errors = this.i18n.texts(SSO_ERROR_TEXTS);
  protected readonly options = signal<SsoOrganisationOption[]>([]);
  protected readonly error = signal(ssoErrorOf(inject(ActivatedRoute).snapshot.queryParamMap.get('sso_error')));

  constructor() {
    firstValueFrom(this.api.organisations()).then(
      (list) => this.options.set(list),
      () => this.options.set([]),
    );
  }

  protected go(event: Event, organisationId: string): void {
    event.preventDefault();
    if (organisationId) window.location.assign(this.api.startUrl(organisationId));
  }
}

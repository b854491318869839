import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import type { SsoError } from '@gezinsplan/contracts';
import { defineTexts, I18n } from '../../core/i18n';
import { Session } from '../../core/session';
import { SSO_ERROR_TEXTS, ssoErrorOf } from './sso-texts';

const TEXTS = defineTexts(
  {
    title: 'Inloggen via uw organisatie',
    busy: 'U wordt ingelogd…',
    back: 'Terug naar inloggen',
  },
  {
    title: 'Log in via your organisation',
    busy: 'Logging you in…',
    back: 'Back to log in',
  },
);

/**
 * Where the API sends the browser after a successful SSO login (`/sso?ok=1`): the refresh cookie is set, so the
 * session is resumed and the user goes on to the start page of their role.
 */
@Component({
  selector: 'gp-sso-landing-page',
  imports: [RouterLink],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1>{{ t().title }}</h1>
    @if (error(); as code) {
      <p class="gp-alert gp-alert--error" role="alert">{{ errors()[code] }}</p>
      <p>
        <a routerLink="/inloggen">{{ t().back }}</a>
      </p>
    } @else {
      <p role="status">{{ t().busy }}</p>
    }
  `,
})
export class SsoLandingPage {
  private readonly i18n = inject(I18n);
  private readonly session = inject(Session);
  private readonly router = inject(Router);
  protected readonly t = this.i18n.texts(TEXTS);
  protected readonly errors = this.i18n.texts(SSO_ERROR_TEXTS);
  protected readonly error = signal<SsoError | null>(null);

  constructor() {
    const query = inject(ActivatedRoute).snapshot.queryParamMap;
    const refused = ssoErrorOf(query.get('error'));
    if (refused || query.get('ok') !== '1') {
      this.error.set(refused ?? 'state');
      return;
    }
    void this.session.restore().then(async (ok) => {
      if (ok) await this.router.navigateByUrl('/', { replaceUrl: true });
      else this.error.set('state');
    });
  }
}

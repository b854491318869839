import { provideHttpClient, withFetch, withInterceptors } from '@angular/common/http';
import {
  type ApplicationConfig,
  DOCUMENT,
  inject,
  provideAppInitializer,
  provideBrowserGlobalErrorListeners,
  provideZonelessChangeDetection,
} from '@angular/core';
import { provideRouter, TitleStrategy, withComponentInputBinding } from '@angular/router';
import { routes } from './app.routes';
import { authInterceptor } from './core/auth.interceptor';
import { Session } from './core/session';
import { I18nTitleStrategy } from './core/title';

/** The pages anyone may open; every other address needs a session. */
const PUBLIC_PAGE = /^\/(inloggen|activeren|sso)(\/|$)/;

export const appConfig: ApplicationConfig = {
  providers: [
    provideBrowserGlobalErrorListeners(),
    provideZonelessChangeDetection(),
    provideRouter(routes, withComponentInputBinding()),
    provideHttpClient(withFetch(), withInterceptors([authInterceptor])),
    { provide: TitleStrategy, useClass: I18nTitleStrategy },
    // Resume the session from the refresh cookie now, in parallel with loading the page's code, rather than when
    // the route guard runs (after it): one round trip less before a page behind login. Not awaited, so the
    // bootstrap does not wait for it either.
    provideAppInitializer(() => {
      if (!PUBLIC_PAGE.test(inject(DOCUMENT).location.pathname)) inject(Session).resumeEarly();
    }),
  ],
};

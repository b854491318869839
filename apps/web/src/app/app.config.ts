import { provideHttpClient, withFetch, withInterceptors } from '@angular/common/http';
import {
  APP_BOOTSTRAP_LISTENER,
  type ApplicationConfig,
  DOCUMENT,
  inject,
  provideAppInitializer,
  provideBrowserGlobalErrorListeners,
  provideZonelessChangeDetection,
} from '@angular/core';
import {
  provideRouter,
  Router,
  TitleStrategy,
  withComponentInputBinding,
  withDisabledInitialNavigation,
} from '@angular/router';
import { routes } from './app.routes';
import { authInterceptor } from './core/auth.interceptor';
import { nextTask } from './core/next-task';
import { Session } from './core/session';
import { I18nTitleStrategy } from './core/title';

/** The pages anyone may open; every other address needs a session (`early/resume.js` names the same pages). */
const PUBLIC_PAGE = /^\/(inloggen|activeren|sso)(\/|$)/;

export const appConfig: ApplicationConfig = {
  providers: [
    provideBrowserGlobalErrorListeners(),
    provideZonelessChangeDetection(),
    // The router reads the address and starts opening its page in a task after the one that draws the shell, not
    // inside it (core/next-task.ts says why): the two together were the start's longest task.
    provideRouter(routes, withComponentInputBinding(), withDisabledInitialNavigation()),
    {
      provide: APP_BOOTSTRAP_LISTENER,
      multi: true,
      useFactory: () => {
        const router = inject(Router);
        return () => void nextTask().then(() => router.initialNavigation());
      },
    },
    provideHttpClient(withFetch(), withInterceptors([authInterceptor])),
    { provide: TitleStrategy, useClass: I18nTitleStrategy },
    // Resume the session from the refresh cookie now, in parallel with loading the page's code, rather than when
    // the route guard runs (after it): one round trip less before a page behind login. `early/resume.js` has
    // usually sent that refresh already, before this code arrived; the session takes it over (a refresh it sent
    // must never be followed by a second one). Not awaited, so the bootstrap does not wait for it either; the app
    // is drawn in a task after this one (core/next-task.ts).
    provideAppInitializer(() => {
      const document = inject(DOCUMENT);
      if ('gpResume' in (document.defaultView ?? {}) || !PUBLIC_PAGE.test(document.location.pathname)) {
        inject(Session).resumeEarly();
      }
      return nextTask();
    }),
  ],
};

import type { Routes } from '@angular/router';
import { requireSession } from './core/auth.guard';
import { homeRedirect } from './core/home.guard';
import { inNextTask } from './core/next-task';
import { pageTitle } from './core/title';
import { FAMILIES_ROUTES } from './features/families/families.routes';
import { PORTAL_ROUTES } from './features/portal/portal.routes';

/**
 * Every page is its own lazy chunk; only the shell and the route table load up front. The families' routes (the
 * worklist, a family, a plan: the pages opened most) and the parents' page are in the table itself, so their page
 * code is one hop away.
 */
export const routes: Routes = [
  { path: '', pathMatch: 'full', canActivate: [homeRedirect], children: [] },
  {
    path: 'inloggen',
    data: { title: pageTitle('Inloggen', 'Log in') },
    loadComponent: () => import('./features/login/login-page').then((m) => inNextTask(m.LoginPage)),
  },
  {
    path: 'activeren',
    data: { title: pageTitle('Account activeren', 'Activate your account') },
    loadComponent: () => import('./features/login/activate-page').then((m) => inNextTask(m.ActivatePage)),
  },
  {
    path: 'sso',
    data: { title: pageTitle('Inloggen via uw organisatie', 'Log in via your organisation') },
    loadComponent: () => import('./features/login/sso-landing-page').then((m) => inNextTask(m.SsoLandingPage)),
  },
  {
    path: 'gezinnen',
    canActivate: [requireSession],
    children: FAMILIES_ROUTES,
  },
  {
    path: 'ons-gezin',
    canActivate: [requireSession],
    children: PORTAL_ROUTES,
  },
  {
    path: 'meldingen',
    canActivate: [requireSession],
    loadChildren: () => import('./features/notifications/notifications.routes').then((m) => m.NOTIFICATIONS_ROUTES),
  },
  {
    path: 'dashboard',
    canActivate: [requireSession],
    loadChildren: () => import('./features/dashboard/dashboard.routes').then((m) => m.DASHBOARD_ROUTES),
  },
  {
    path: 'beheer',
    canActivate: [requireSession],
    loadChildren: () => import('./features/admin/admin.routes').then((m) => m.ADMIN_ROUTES),
  },
  {
    path: 'noodtoegang',
    canActivate: [requireSession],
    loadChildren: () => import('./features/privacy/privacy.routes').then((m) => m.PRIVACY_ROUTES),
  },
  {
    path: 'mijn-account',
    canActivate: [requireSession],
    data: { title: pageTitle('Mijn account', 'My account') },
    loadComponent: () => import('./features/account/account-page').then((m) => inNextTask(m.AccountPage)),
  },
  {
    path: '**',
    data: { title: pageTitle('Pagina niet gevonden', 'Page not found') },
    loadComponent: () => import('./shared/not-found-page').then((m) => inNextTask(m.NotFoundPage)),
  },
];

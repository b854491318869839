import type { Routes } from '@angular/router';
import { pageTitle } from '../../core/title';

/** Functional management (beheer): organisations with their teams, and accounts. */
export const ADMIN_ROUTES: Routes = [
  { path: '', pathMatch: 'full', redirectTo: 'organisaties' },
  {
    path: 'organisaties',
    data: { title: pageTitle('Beheer: organisaties', 'Administration: organisations') },
    loadComponent: () => import('./organisations-page').then((m) => m.OrganisationsPage),
  },
  {
    path: 'gebruikers',
    data: { title: pageTitle('Beheer: gebruikers', 'Administration: users') },
    loadComponent: () => import('./users-page').then((m) => m.UsersPage),
  },
];

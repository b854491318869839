import type { Routes } from '@angular/router';
import { requireSession } from './core/auth.guard';

export const routes: Routes = [
  { path: '', pathMatch: 'full', redirectTo: 'gezinnen' },
  {
    path: 'inloggen',
    title: 'Inloggen – Gezinsplan',
    loadComponent: () => import('./features/login/login-page').then((m) => m.LoginPage),
  },
  {
    path: 'gezinnen',
    title: 'Mijn gezinnen – Gezinsplan',
    canActivate: [requireSession],
    loadComponent: () => import('./features/families/family-list-page').then((m) => m.FamilyListPage),
  },
  {
    path: '**',
    title: 'Pagina niet gevonden – Gezinsplan',
    loadComponent: () => import('./shared/not-found-page').then((m) => m.NotFoundPage),
  },
];

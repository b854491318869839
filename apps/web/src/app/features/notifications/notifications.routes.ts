import type { Routes } from '@angular/router';

// Placeholder until the notifications feature lands (issue 4); the route already exists so the shell links to it.
export const NOTIFICATIONS_ROUTES: Routes = [
  { path: '', loadComponent: () => import('../../shared/not-found-page').then((m) => m.NotFoundPage) },
];

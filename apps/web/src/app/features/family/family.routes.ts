import type { Routes } from '@angular/router';

// Placeholder until the family page lands (issue 4); the route already exists so the worklist links to it.
export const FAMILY_ROUTES: Routes = [
  { path: '', loadComponent: () => import('../../shared/not-found-page').then((m) => m.NotFoundPage) },
];

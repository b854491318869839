import type { Routes } from '@angular/router';
import { pageTitle } from '../../core/title';

export const FAMILIES_ROUTES: Routes = [
  {
    path: '',
    data: { title: pageTitle('Mijn gezinnen', 'My families') },
    loadComponent: () => import('./family-list-page').then((m) => m.FamilyListPage),
  },
  {
    path: ':familyId/plan',
    loadChildren: () => import('../plan/plan.routes').then((m) => m.PLAN_ROUTES),
  },
  {
    path: ':familyId',
    loadChildren: () => import('../family/family.routes').then((m) => m.FAMILY_ROUTES),
  },
];

import type { Routes } from '@angular/router';
import { pageTitle } from '../../core/title';

export const FAMILY_ROUTES: Routes = [
  {
    path: '',
    data: { title: pageTitle('Gezin', 'Family') },
    loadComponent: () => import('./family-page').then((m) => m.FamilyPage),
  },
];

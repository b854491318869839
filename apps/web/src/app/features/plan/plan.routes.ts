import type { Routes } from '@angular/router';
import { pageTitle } from '../../core/title';
import { PlanStore } from './plan-store';

/** /gezinnen/:familyId/plan — the store lives exactly as long as the screen. */
export const PLAN_ROUTES: Routes = [
  {
    path: '',
    providers: [PlanStore],
    data: { title: pageTitle('Gezinsplan', 'Family plan') },
    loadComponent: () => import('./plan-page').then((m) => m.PlanPage),
  },
];

import type { Routes } from '@angular/router';
import { pageTitle } from '../../core/title';

/** The outcome dashboard: a lazy chunk of its own, the only place chart.js is loaded. */
export const DASHBOARD_ROUTES: Routes = [
  {
    path: '',
    data: { title: pageTitle('Dashboard uitkomsten', 'Outcomes dashboard') },
    loadComponent: () => import('./dashboard-page').then((m) => m.DashboardPage),
  },
];

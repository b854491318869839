import type { Routes } from '@angular/router';
import { pageTitle } from '../../core/title';

export const PORTAL_ROUTES: Routes = [
  {
    path: '',
    data: { title: pageTitle('Ons gezin', 'Our family') },
    loadComponent: () => import('./portal-page').then((m) => m.PortalPage),
  },
];

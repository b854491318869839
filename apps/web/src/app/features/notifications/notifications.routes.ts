import type { Routes } from '@angular/router';
import { pageTitle } from '../../core/title';

export const NOTIFICATIONS_ROUTES: Routes = [
  {
    path: '',
    data: { title: pageTitle('Meldingen', 'Notifications') },
    loadComponent: () => import('./notifications-page').then((m) => m.NotificationsPage),
  },
];

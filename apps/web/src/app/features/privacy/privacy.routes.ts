import type { Routes } from '@angular/router';
import { pageTitle } from '../../core/title';
import { EmergencyPage } from './emergency-page';

export const PRIVACY_ROUTES: Routes = [
  { path: '', component: EmergencyPage, data: { title: pageTitle('Noodtoegang', 'Emergency access') } },
];

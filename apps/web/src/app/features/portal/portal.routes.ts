import { inject } from '@angular/core';
import type { Routes } from '@angular/router';
import { PERMISSIONS } from '@gezinsplan/contracts';
import { inNextTask } from '../../core/next-task';
import { readAhead } from '../../core/read-ahead';
import { Session } from '../../core/session';
import { pageTitle } from '../../core/title';

/**
 * /ons-gezin, the parents' and youths' page (mostly opened on a phone). Part of the first download (app.routes
 * imports it), so that the page's code is one lazy chunk away, and its first reads (the family and the plan, and
 * the evaluations for those who may read them) leave while that code downloads (PortalApi takes the answers).
 */
export const PORTAL_ROUTES: Routes = [
  {
    path: '',
    data: { title: pageTitle('Ons gezin', 'Our family') },
    resolve: {
      readAhead: readAhead(() => {
        const session = inject(Session);
        const familyId = session.user()?.familyId;
        if (!familyId) return [];
        const family = `/api/families/${familyId}`;
        return [
          family,
          `${family}/plan`,
          ...(session.can(PERMISSIONS.evaluationRead) ? [`${family}/evaluations`] : []),
        ];
      }),
    },
    loadComponent: () => import('./portal-page').then((m) => inNextTask(m.PortalPage)),
  },
];

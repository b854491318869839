import { inject } from '@angular/core';
import type { Routes } from '@angular/router';
import { PERMISSIONS } from '@gezinsplan/contracts';
import { inNextTask } from '../../core/next-task';
import { readAhead } from '../../core/read-ahead';
import { Session } from '../../core/session';
import { pageTitle } from '../../core/title';
import { worklistQuery, worklistUrl } from './worklist-query';

/**
 * /gezinnen and below. Part of the first download (app.routes imports it), so that opening a family or a plan
 * costs one lazy chunk (the page, which the session guard starts fetching while the session resumes) instead of a
 * chain of route files each found only after the previous one arrived.
 */
export const FAMILIES_ROUTES: Routes = [
  {
    path: '',
    data: { title: pageTitle('Mijn gezinnen', 'My families') },
    // The worklist's first list, with the filters in the address, sent while its code downloads (FamiliesApi).
    resolve: {
      readAhead: readAhead(({ queryParams }) =>
        inject(Session).can(PERMISSIONS.familyList) ? [worklistUrl(worklistQuery(queryParams))] : [],
      ),
    },
    loadComponent: () => import('./family-list-page').then((m) => inNextTask(m.FamilyListPage)),
  },
  {
    path: ':familyId/plan',
    data: { title: pageTitle('Gezinsplan', 'Family plan') },
    // What the plan screen reads first, sent while its code downloads (PlanApi takes the answers).
    resolve: {
      readAhead: readAhead(({ params: { familyId } }) => [
        `/api/families/${familyId}`,
        `/api/families/${familyId}/plan`,
        `/api/families/${familyId}/plan/versions`,
      ]),
    },
    loadComponent: () => import('../plan/plan-page').then((m) => inNextTask(m.PlanPage)),
  },
  {
    path: ':familyId',
    data: { title: pageTitle('Gezin', 'Family') },
    loadComponent: () => import('../family/family-page').then((m) => inNextTask(m.FamilyPage)),
  },
];

import { inject } from '@angular/core';
import { type CanActivateFn, Router } from '@angular/router';
import { PERMISSIONS } from '@gezinsplan/contracts';
import { Session } from './session';

/** The start page depends on who you are: parents see their own family, policy the dashboard, admins beheer. */
export const homeRedirect: CanActivateFn = async (_route, state) => {
  const session = inject(Session);
  const router = inject(Router);
  if (!(await session.resume())) {
    return router.createUrlTree(['/inloggen'], { queryParams: { terug: state.url === '/' ? null : state.url } });
  }
  const user = session.user();
  if (user?.familyId) return router.createUrlTree(['/ons-gezin']);
  if (session.can(PERMISSIONS.familyList)) return router.createUrlTree(['/gezinnen']);
  if (user?.role === 'policy') return router.createUrlTree(['/dashboard']);
  if (session.can(PERMISSIONS.userRead)) return router.createUrlTree(['/beheer']);
  return router.createUrlTree(['/meldingen']);
};

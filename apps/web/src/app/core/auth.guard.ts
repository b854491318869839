import { inject } from '@angular/core';
import { type CanActivateFn, Router } from '@angular/router';
import { Session } from './session';

/** Pages behind login: resume the session from the refresh cookie, or go to the login page. */
export const requireSession: CanActivateFn = async (_route, state) => {
  const session = inject(Session);
  const router = inject(Router);
  if (session.loggedIn() || (await session.restore())) return true;
  return router.createUrlTree(['/inloggen'], { queryParams: { terug: state.url } });
};

import { inject } from '@angular/core';
import { type ActivatedRouteSnapshot, type CanActivateFn, Router } from '@angular/router';
import { nextTask } from './next-task';
import { Session } from './session';

/** Pages behind login: resume the session from the refresh cookie, or go to the login page. */
export const requireSession: CanActivateFn = async (route, state) => {
  const session = inject(Session);
  const router = inject(Router);
  // The router loads a page's code only after its guards; while the session is being resumed, start
  // downloading it already, so the two round trips overlap instead of following each other.
  if (!session.loggedIn()) prefetchPageCode(route);
  if (await session.resume()) {
    // The page opens in a task of its own, not in the one that started the app or answered the session.
    await nextTask();
    return true;
  }
  return router.createUrlTree(['/inloggen'], { queryParams: { terug: state.url } });
};

/** Starts the lazy imports of the matched page components; the router's own import later finds them loaded. */
function prefetchPageCode(route: ActivatedRouteSnapshot): void {
  const load = route.routeConfig?.loadComponent;
  if (load && !route.component) {
    const loading = load();
    if (loading instanceof Promise) loading.catch(() => undefined);
  }
  for (const child of route.children) prefetchPageCode(child);
}

import { HttpErrorResponse, type HttpInterceptorFn } from '@angular/common/http';
import { inject } from '@angular/core';
import { Router } from '@angular/router';
import { catchError, from, switchMap, throwError } from 'rxjs';
import { Session } from './session';

const PUBLIC_AUTH_CALL = /^\/api\/auth\/(login|refresh|logout|activate)(\/|$)/;

/**
 * Adds the access token to API calls. When it has expired (401), refreshes once through the cookie and
 * repeats the call; when that fails too, the session has ended and the user goes to the login page.
 */

export const authInterceptor: HttpInterceptorFn = (req, next) => {
  const session = inject(Session);
  const router = inject(Router);
  // The calls that make or end a session carry no access token and are never retried; the logged-in account
  // calls under /api/auth (password, second factor) are ordinary API calls.
  const isAuthCall = PUBLIC_AUTH_CALL.test(req.url);
  const withToken = () => {
    const token = session.accessToken();
    return token && !isAuthCall ? req.clone({ setHeaders: { Authorization: `Bearer ${token}` } }) : req;
  };
  return next(withToken()).pipe(
    catchError((err: unknown) => {
      if (!(err instanceof HttpErrorResponse) || err.status !== 401 || isAuthCall) return throwError(() => err);
      return from(session.restore()).pipe(
        switchMap((ok) => {
          if (ok) return next(withToken());
          session.expire();
          void router.navigate(['/inloggen']);
          return throwError(() => err);
        }),
      );
    }),
  );
};

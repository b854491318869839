import { HttpErrorResponse, HttpHeaders } from '@angular/common/http';
import type { ConflictDetails, ErrorResponse } from '@gezinsplan/contracts';

/** Optimistic concurrency: every change names the version it was based on. */
export function ifMatch(version: number): HttpHeaders {
  return new HttpHeaders({ 'If-Match': `"${version}"` });
}

/** The other side of a 409: the version now stored, so the user can compare and choose. */
export function conflictOf<T>(err: unknown): ConflictDetails<T> | null {
  if (!(err instanceof HttpErrorResponse) || err.status !== 409) return null;
  const body = err.error as Partial<ErrorResponse> | null;
  if (body?.code !== 'VERSION_CONFLICT') return null;
  return (body.details as ConflictDetails<T> | undefined) ?? null;
}

/** No answer at all: offline, or the server is unreachable. The edit must be kept and retried. */
export function isOffline(err: unknown): boolean {
  return err instanceof HttpErrorResponse && err.status === 0;
}

import { AppError } from '../errors/app-error';

/** The ETag of a record at `version`: the version in quotes, so `If-Match: "3"` can be sent back. */
export const etagFor = (version: number) => `"${version}"`;

/**
 * The version a client edited, from `If-Match`. Missing: 428. Not a quoted version: 400.
 * Accepts a weak validator (`W/"3"`) too, since some proxies weaken ETags.
 */
export function expectedVersion(ifMatch: string | undefined): number {
  if (ifMatch === undefined || ifMatch.trim() === '') {
    throw new AppError(428, 'PRECONDITION_REQUIRED', 'Send If-Match with the version you edited, e.g. If-Match: "3"');
  }
  const match = /^(?:W\/)?"(\d{1,9})"$/.exec(ifMatch.trim());
  if (!match) {
    throw new AppError(400, 'INVALID_PRECONDITION', 'If-Match must be the quoted version from the ETag, e.g. "3"');
  }
  return Number(match[1]);
}

export function versionConflict<T>(currentVersion: number, current: T): AppError {
  return new AppError(
    409,
    'VERSION_CONFLICT',
    'Someone else changed this in the meantime; nothing was saved. Compare with the current version and try again.',
    { currentVersion, current },
  );
}

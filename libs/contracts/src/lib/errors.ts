/** The one shape of every error the API returns. */
export interface ErrorResponse {
  statusCode: number;
  code: ErrorCode;
  message: string;
  details?: unknown;
}

export const ERROR_CODES = [
  'VALIDATION_FAILED',
  'MALFORMED_JSON',
  'INVALID_CREDENTIALS',
  'LOGIN_LOCKED',
  'RATE_LIMITED',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'VERSION_CONFLICT',
  'ALREADY_EXISTS',
  'PRECONDITION_REQUIRED',
  'UNPROCESSABLE',
  'INVALID_PRECONDITION',
  'PAYLOAD_TOO_LARGE',
  'SERVICE_UNAVAILABLE',
  'INTERNAL_ERROR',
  'CSRF_FAILED',
  'INVALID_SECOND_FACTOR',
  'SECOND_FACTOR_REQUIRED',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** `details` of a VALIDATION_FAILED error: one entry per offending field (dotted path for nested fields). */
export interface FieldError {
  field: string;
  messages: string[];
}

/** `details` of a VERSION_CONFLICT error: the current state, so the client can show both versions. */
export interface ConflictDetails<T> {
  currentVersion: number;
  current: T;
}

import type { ErrorCode, FieldError } from '@gezinsplan/contracts';
import { HttpException } from '@nestjs/common';
import type { ValidationError } from 'class-validator';

/** An error with a stable code, answered in the one documented shape `{ statusCode, code, message, details? }`. */
export class AppError extends HttpException {
  constructor(
    readonly statusCode: number,
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super({ statusCode, code, message, ...(details === undefined ? {} : { details }) }, statusCode);
  }
}

/** "Not found" and "not yours" look the same, so the existence of a record does not leak. */
export const notFound = (what: string) => new AppError(404, 'NOT_FOUND', `${what} not found`);

export function flattenValidationErrors(errors: ValidationError[], prefix = ''): FieldError[] {
  return errors.flatMap((e) => {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    const own: FieldError[] = e.constraints ? [{ field, messages: Object.values(e.constraints) }] : [];
    return own.concat(flattenValidationErrors(e.children ?? [], field));
  });
}

export function validationError(fields: FieldError[]): AppError {
  const names = fields.map((f) => f.field).join(', ');
  return new AppError(400, 'VALIDATION_FAILED', `Invalid input: ${names}`, fields);
}

import { ValidationPipe } from '@nestjs/common';
import { flattenValidationErrors, validationError } from './app-error';

/** Whitelist, forbid unknown properties, transform; a 400 that names every offending field. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    stopAtFirstError: false,
    exceptionFactory: (errors) => validationError(flattenValidationErrors(errors)),
  });
}

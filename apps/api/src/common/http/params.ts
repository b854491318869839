import { ParseIntPipe, ParseUUIDPipe } from '@nestjs/common';
import { validationError } from '../errors/app-error';

/** A path parameter that must be a UUID: a 400 naming it otherwise. */
export const uuidParam = (name: string) =>
  new ParseUUIDPipe({
    exceptionFactory: () => validationError([{ field: name, messages: [`${name} must be a UUID`] }]),
  });

/** A path parameter that must be a whole number. */
export const intParam = (name: string) =>
  new ParseIntPipe({
    exceptionFactory: () => validationError([{ field: name, messages: [`${name} must be a whole number`] }]),
  });

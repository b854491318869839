/**
 * `@Transform(queryBoolean)` for a boolean in a query string: `true`/`false` become booleans; anything else
 * stays as sent, so `@IsBoolean()` refuses it with a 400 (class-transformer's implicit conversion would turn
 * every non-empty string, even `nee`, into true).
 */
export const queryBoolean = ({ value }: { value: unknown }): unknown =>
  value === 'true' ? true : value === 'false' ? false : value;

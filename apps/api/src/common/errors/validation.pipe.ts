import type { FieldError } from '@gezinsplan/contracts';
import { type ArgumentMetadata, ValidationPipe } from '@nestjs/common';
import { ARRAY_MAX, STRING_MAX } from '../http/openapi';
import { flattenValidationErrors, validationError } from './app-error';

/**
 * Whitelist, forbid unknown properties, transform; a 400 that names every offending field. Before that (both
 * found by the write fuzzer, test/fuzz-writes.int-spec.ts):
 * - any string with a NUL character (U+0000) in the body, query or path is refused: PostgreSQL text cannot
 *   hold one, so it failed deep in a query as a 500;
 * - the keys `__proto__`, `constructor` and `prototype` are refused at any depth: class-transformer skips them,
 *   so the whitelist never saw them and a body carrying a prototype-pollution attempt was accepted;
 * - no string is longer than STRING_MAX and no array has more than ARRAY_MAX items, whatever the DTO says, so
 *   the OpenAPI document can promise a bound for every input (common/http/openapi.ts).
 */
class SafeValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body' || metadata.type === 'query' || metadata.type === 'param') {
      const found: FieldError[] = [];
      scan(value, metadata.type === 'param' ? (metadata.data ?? 'param') : '', 0, found);
      if (found.length) throw validationError(found);
    }
    return super.transform(value, metadata);
  }
}

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Collects every string (value or key) holding a NUL character and every forbidden key, depth-limited. */
function scan(value: unknown, path: string, depth: number, out: FieldError[]): void {
  if (depth > 32 || out.length > 20) return;
  if (typeof value === 'string') {
    if (value.includes('\u0000')) out.push({ field: path || 'body', messages: ['must not contain NUL characters'] });
    if (value.length > STRING_MAX) out.push({ field: path || 'body', messages: [`at most ${STRING_MAX} characters`] });
  } else if (Array.isArray(value)) {
    if (value.length > ARRAY_MAX) {
      out.push({ field: path || 'body', messages: [`at most ${ARRAY_MAX} items`] });
      return;
    }
    value.forEach((v, i) => scan(v, path ? `${path}.${i}` : String(i), depth + 1, out));
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const field = path ? `${path}.${k}` : k;
      if (FORBIDDEN_KEYS.has(k)) out.push({ field, messages: [`property ${k} should not exist`] });
      else if (k.includes('\u0000')) out.push({ field, messages: ['must not contain NUL characters'] });
      else scan(v, field, depth + 1, out);
    }
  }
}

export function createValidationPipe(): ValidationPipe {
  return new SafeValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    stopAtFirstError: false,
    exceptionFactory: (errors) => validationError(flattenValidationErrors(errors)),
  });
}

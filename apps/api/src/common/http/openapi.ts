import type { OpenAPIObject } from '@nestjs/swagger';
import { getMetadataStorage } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';

/**
 * Limits every request enforces, whatever the DTO (common/errors/validation.pipe.ts): no string in a body,
 * query or path is longer, no array has more items. DTOs declare tighter limits where they know better.
 */
export const STRING_MAX = 20_000;
export const ARRAY_MAX = 1000;

type Schema = Record<string, unknown> & {
  type?: string;
  items?: Schema;
  properties?: Record<string, Schema>;
  $ref?: string;
};

/**
 * Makes the generated OpenAPI document say what the API really enforces, so the OWASP API lint
 * (scripts/openapi-lint.mjs, .spectral.yaml) can check it:
 * - string lengths, array sizes and formats come from the DTOs' class-validator rules (@Length, @MaxLength,
 *   @ArrayMaxSize, @IsUUID, @IsISO8601, @IsEmail), and the global limits above fill in the rest;
 * - path ids are UUIDs (every `:id` / `:…Id` parameter is parsed with uuidParam);
 * - every operation documents the error shape for 400 (validation) and 500, next to the 401/403 that
 *   @RequirePermission adds;
 * - the bearer scheme states the JWT practices we follow (RFC 8725).
 */
export function hardenOpenApi(doc: OpenAPIObject): OpenAPIObject {
  const rules = validationRulesByClassName();
  const schemas = (doc.components?.schemas ?? {}) as Record<string, Schema>;
  for (const [name, schema] of Object.entries(schemas)) {
    for (const [prop, s] of Object.entries(schema.properties ?? {})) applyRules(s, rules.get(name)?.get(prop) ?? []);
  }
  schemas.ErrorResponse = ERROR_RESPONSE;
  doc.components = { ...doc.components, schemas: schemas as never };

  for (const item of Object.values(doc.paths)) {
    for (const method of ['get', 'put', 'post', 'delete', 'patch'] as const) {
      const op = item[method];
      if (!op) continue;
      for (const p of (op.parameters ?? []) as { in?: string; name?: string; schema?: Schema }[]) {
        if (p.in === 'path' && p.schema?.type === 'string' && /^(id|.+Id)$/.test(p.name ?? '')) {
          p.schema.format = 'uuid';
          p.schema.maxLength = 36;
        }
      }
      const responses = op.responses as Record<string, unknown>;
      responses['400'] ??= errorResponse('Invalid input (VALIDATION_FAILED, MALFORMED_JSON, INVALID_PRECONDITION)');
      responses['500'] ??= errorResponse('Unexpected error, logged; no internals in the answer (INTERNAL_ERROR)');
      for (const [status, r] of Object.entries(responses)) {
        const res = r as { content?: unknown; description?: string };
        if (Number(status) >= 400 && !res.content) res.content = errorContent();
      }
    }
  }
  boundEverything(doc);
  const bearer = doc.components?.securitySchemes?.bearer as Record<string, unknown> | undefined;
  if (bearer) {
    bearer.description =
      'Access token: a short-lived JWT following RFC8725 (JSON Web Token Best Current Practices): HS256 only ' +
      '(alg pinned, "none" refused), issuer and audience checked, expiry enforced. Refresh happens through an ' +
      'httpOnly cookie on /api/auth/refresh.';
  }
  return doc;
}

const ERROR_RESPONSE: Schema = {
  type: 'object',
  description: 'Every error: { statusCode, code, message, details? }',
  required: ['statusCode', 'code', 'message'],
  additionalProperties: false,
  properties: {
    statusCode: { type: 'integer', format: 'int32', minimum: 400, maximum: 599 },
    code: { type: 'string', maxLength: 64, pattern: '^[A-Z][A-Z_]+$', example: 'VALIDATION_FAILED' },
    message: { type: 'string', maxLength: 2000 },
    details: { description: 'Per error code, e.g. the offending fields for VALIDATION_FAILED' },
  },
};
const errorContent = () => ({ 'application/json': { schema: { $ref: '#/components/schemas/ErrorResponse' } } });
const errorResponse = (description: string) => ({ description, content: errorContent() });

function validationRulesByClassName(): Map<string, Map<string, ValidationMetadata[]>> {
  const storage = getMetadataStorage() as unknown as {
    validationMetadatas: Map<new (...args: never[]) => object, ValidationMetadata[]>;
  };
  const out = new Map<string, Map<string, ValidationMetadata[]>>();
  for (const target of storage.validationMetadatas.keys()) {
    const byProp = new Map<string, ValidationMetadata[]>();
    for (const m of getMetadataStorage().getTargetValidationMetadatas(target, '', true, false)) {
      byProp.set(m.propertyName, [...(byProp.get(m.propertyName) ?? []), m]);
    }
    out.set(target.name, byProp);
  }
  return out;
}

function applyRules(schema: Schema, metas: ValidationMetadata[]): void {
  for (const m of metas) {
    const s = m.each && schema.type === 'array' && schema.items && !schema.items.$ref ? schema.items : schema;
    const c = (m.constraints ?? []) as unknown[];
    switch (m.name) {
      case 'isLength':
        s.minLength ??= c[0];
        if (c[1] !== undefined) s.maxLength ??= c[1];
        break;
      case 'maxLength':
        s.maxLength ??= c[0];
        break;
      case 'minLength':
        s.minLength ??= c[0];
        break;
      case 'arrayMaxSize':
        schema.maxItems ??= c[0];
        break;
      case 'arrayMinSize':
        schema.minItems ??= c[0];
        break;
      case 'isUuid':
        s.format ??= 'uuid';
        s.maxLength ??= 36;
        break;
      case 'isIso8601':
      case 'isDateString':
        s.format ??= 'date';
        break;
      case 'isEmail':
        s.format ??= 'email';
        break;
    }
  }
}

/** Any string or array still without a bound gets the global one the validation pipe enforces. */
function boundEverything(node: unknown): void {
  if (Array.isArray(node)) {
    node.forEach(boundEverything);
    return;
  }
  if (!node || typeof node !== 'object') return;
  const s = node as Schema;
  if (s.type === 'string' && s.maxLength === undefined && s.enum === undefined && s.const === undefined) {
    s.maxLength = STRING_MAX;
  }
  if (s.type === 'array' && s.maxItems === undefined) s.maxItems = ARRAY_MAX;
  for (const v of Object.values(s)) boundEverything(v);
}

import type { OrganisationType, Role } from '@gezinsplan/contracts';
import { AppError } from '../../common/errors/app-error';

/**
 * Which professional role fits which organisation: an access team works for one municipality (its families
 * are those of that municipality), providers and GIs for their own kind, policy staff for a municipality or
 * region, admins anywhere. Null when it fits, otherwise why not.
 */
export function roleMismatch(
  role: Role,
  organisation: { type: OrganisationType; municipality: string | null },
): string | null {
  switch (role) {
    case 'access_team':
      return organisation.type === 'municipality' && organisation.municipality
        ? null
        : 'an access team member belongs to a municipal organisation with a municipality';
    case 'provider':
    case 'gi':
      return organisation.type === role ? null : `a ${role} user belongs to an organisation of type ${role}`;
    case 'policy':
      return organisation.type === 'municipality' || organisation.type === 'other'
        ? null
        : 'a policy user belongs to a municipal or other organisation';
    case 'admin':
      return null;
    default:
      return 'parents and youths are linked to their family, not to an organisation';
  }
}

/** PostgreSQL's unique_violation, e.g. a name or e-mail address that is taken. */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; driverError?: { code?: string } };
  return e?.code === '23505' || e?.driverError?.code === '23505';
}

export const alreadyExists = (field: string, message: string) =>
  new AppError(409, 'ALREADY_EXISTS', message, [{ field, messages: [message] }]);

export const unprocessable = (field: string, message: string) =>
  new AppError(422, 'UNPROCESSABLE', message, [{ field, messages: [message] }]);

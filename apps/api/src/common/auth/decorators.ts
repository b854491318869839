import type { Permission } from '@gezinsplan/contracts';
import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';

export const PUBLIC_KEY = 'gezinsplan:public';
export const PERMISSION_KEY = 'gezinsplan:permission';

/** Reachable without logging in. Every route is either this or declares a permission; anything else is denied. */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

/** The permission (from libs/contracts ROLE_PERMISSIONS) a caller's role must have for this route. */
export const RequirePermission = (permission: Permission) =>
  applyDecorators(
    SetMetadata(PERMISSION_KEY, permission),
    ApiBearerAuth(),
    ApiUnauthorizedResponse({ description: 'Not logged in (UNAUTHENTICATED)' }),
    ApiForbiddenResponse({ description: `Role lacks permission ${permission} (FORBIDDEN)` }),
  );

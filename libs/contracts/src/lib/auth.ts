import type { Permission } from './permissions';
import type { Role } from './roles';

export interface LoginRequest {
  email: string;
  password: string;
}

export interface LoginResponse {
  accessToken: string;
  /** Seconds until the access token expires; refresh with POST /api/auth/refresh (cookie). */
  expiresIn: number;
  user: MeResponse;
}

export interface MeResponse {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  permissions: Permission[];
  organisation: { id: string; name: string; type: string } | null;
  /** For parents and youths: the family they belong to. */
  familyId: string | null;
  /** For parents and youths: who they are in that family (a member id of the family detail). */
  familyMemberId: string | null;
}

export interface UserResponse {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  organisationId: string | null;
  teamId: string | null;
  active: boolean;
  /** Created by an admin and not activated yet (the account has no password of its own). */
  activationPending: boolean;
  version: number;
}

/** GET /api/users (admin): every filter is optional; booleans as `true`/`false`. */
export interface ListUsersQuery {
  /** Part of the e-mail address or name. */
  q?: string;
  role?: Role;
  organisationId?: string;
  teamId?: string;
  active?: boolean;
}

/** POST /api/users (admin): a professional account; the answer holds a one-time activation token. */
export interface CreateUserRequest {
  email: string;
  displayName: string;
  /** One of PROFESSIONAL_ROLES. */
  role: Role;
  organisationId: string;
  teamId?: string | null;
}

/**
 * The activation token is shown exactly once (only its hash is stored). Hand it to the new user, who chooses
 * a password with POST /api/auth/activate before ACTIVATION_TTL_DAYS have passed. No password is ever chosen
 * or seen by the admin.
 */
export interface CreateUserResponse {
  user: UserResponse;
  activation: ActivationResponse;
}

export interface ActivationResponse {
  token: string;
  expiresAt: string;
}

export const ACTIVATION_TTL_DAYS = 7;
/** Minimum length of a password chosen at activation. */
export const MIN_PASSWORD_LENGTH = 12;

/** PATCH /api/users/:id (admin) — send `If-Match: "<version>"`. `active: false` also ends every session. */
export interface UpdateUserRequest {
  displayName?: string;
  role?: Role;
  teamId?: string | null;
  active?: boolean;
}

/** POST /api/auth/activate (public): the token from the admin and a password of the user's own choosing. */
export interface ActivateAccountRequest {
  token: string;
  password: string;
}

/** POST /api/users/:id/sessions/revoke (admin): how many sessions were ended. */
export interface RevokeSessionsResponse {
  revokedSessions: number;
}

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
}

export interface UserResponse {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  organisationId: string | null;
  teamId: string | null;
  active: boolean;
  version: number;
}

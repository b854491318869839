/** Which ID-token claim identifies the user: the e-mail address, or only a subject already linked to an account. */
export const SSO_CLAIMS = ['email', 'sub'] as const;
export type SsoClaim = (typeof SSO_CLAIMS)[number];

/** GET /api/organisations/:id/sso (admin). The client secret is write-only: only whether one is set. */
export interface SsoConfigResponse {
  organisationId: string;
  /** False when the organisation has no SSO configuration yet (the other fields are then defaults). */
  configured: boolean;
  issuer: string;
  clientId: string;
  clientSecretSet: boolean;
  enabled: boolean;
  claim: SsoClaim;
  /** The redirect URI to register at the identity provider. */
  redirectUri: string;
  /** 0 while not configured; send it back as If-Match (`"0"` creates the configuration). */
  version: number;
}

/** PUT /api/organisations/:id/sso (admin) with `If-Match: "<version>"`. Omit clientSecret to keep the stored one. */
export interface SsoConfigRequest {
  issuer: string;
  clientId: string;
  clientSecret?: string;
  enabled: boolean;
  claim?: SsoClaim;
}

/** GET /api/auth/sso/organisations (public): the organisations whose staff can log in via their own IdP. */
export interface SsoOrganisationOption {
  id: string;
  name: string;
}

/**
 * Why an SSO login was refused; the callback redirects to `/inloggen?sso_error=<code>`.
 * `cancelled`: the IdP returned an error (e.g. the user cancelled); `state`: missing, expired, reused or
 * tampered login state; `unavailable`: SSO not (or no longer) enabled or the IdP unreachable; `token`: the
 * code exchange or ID-token validation failed; `account`: no active professional account of that organisation
 * matches the IdP's user.
 */
export const SSO_ERRORS = ['cancelled', 'state', 'unavailable', 'token', 'account'] as const;
export type SsoError = (typeof SSO_ERRORS)[number];

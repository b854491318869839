export const ORGANISATION_TYPES = ['municipality', 'provider', 'gi', 'other'] as const;
export type OrganisationType = (typeof ORGANISATION_TYPES)[number];

export interface OrganisationResponse {
  id: string;
  name: string;
  type: OrganisationType;
  municipality: string | null;
  teams: TeamResponse[];
  version: number;
}

export interface TeamResponse {
  id: string;
  name: string;
}

/** POST /api/organisations (admin). `municipality`: the municipality whose families an access team serves. */
export interface CreateOrganisationRequest {
  name: string;
  type: OrganisationType;
  municipality?: string | null;
}

/** PATCH /api/organisations/:id (admin) — send `If-Match: "<version>"`. */
export interface UpdateOrganisationRequest {
  name?: string;
  type?: OrganisationType;
  municipality?: string | null;
}

/** POST /api/organisations/:id/teams (admin). */
export interface CreateTeamRequest {
  name: string;
}

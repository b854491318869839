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

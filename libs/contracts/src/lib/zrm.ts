/**
 * Zelfredzaamheidsmatrix (ZRM): domain names and level labels only; the per-cell criteria texts are
 * copyrighted by GGD Amsterdam and are deliberately not included.
 */
export const ZRM_EDITIONS = ['zrm-11', 'zrm-2017'] as const;
export type ZrmEdition = (typeof ZRM_EDITIONS)[number];

export const ZRM_DOMAINS: Record<ZrmEdition, readonly string[]> = {
  'zrm-11': [
    'finances',
    'daytime_activities',
    'housing',
    'domestic_relations',
    'mental_health',
    'physical_health',
    'addiction',
    'adl',
    'social_network',
    'social_participation',
    'justice',
  ],
  'zrm-2017': [
    'finances',
    'work_education',
    'time_use',
    'housing',
    'domestic_relations',
    'mental_health',
    'physical_health',
    'substance_use',
    'basic_adl',
    'instrumental_adl',
    'social_network',
    'social_participation',
    'justice',
  ],
};

export const ZRM_DOMAIN_LABELS_NL: Record<string, string> = {
  finances: 'Financiën',
  daytime_activities: 'Dagbesteding',
  work_education: 'Werk & opleiding',
  time_use: 'Tijdsbesteding',
  housing: 'Huisvesting',
  domestic_relations: 'Huiselijke relaties',
  mental_health: 'Geestelijke gezondheid',
  physical_health: 'Lichamelijke gezondheid',
  addiction: 'Verslaving',
  substance_use: 'Middelengebruik',
  adl: 'Activiteiten dagelijks leven',
  basic_adl: 'Basale ADL',
  instrumental_adl: 'Instrumentele ADL',
  social_network: 'Sociaal netwerk',
  social_participation: 'Maatschappelijke participatie',
  justice: 'Justitie',
};

/** 1 acute problems, 2 not self-sufficient, 3 limited, 4 sufficient, 5 fully self-sufficient. */
export const ZRM_LEVEL_LABELS_NL: Record<number, string> = {
  1: 'Acute problematiek',
  2: 'Niet zelfredzaam',
  3: 'Beperkt zelfredzaam',
  4: 'Voldoende zelfredzaam',
  5: 'Volledig zelfredzaam',
};

export interface CreateZrmAssessmentRequest {
  memberId: string;
  edition: ZrmEdition;
  assessedOn: string;
  scores: Record<string, number>;
}

export interface ZrmAssessmentResponse {
  id: string;
  memberId: string;
  edition: ZrmEdition;
  assessedOn: string;
  assessedBy: { userId: string; displayName: string };
  scores: Record<string, number>;
}

export interface ZrmMemberOverview {
  memberId: string;
  name: string;
  assessments: ZrmAssessmentResponse[];
  /** Latest minus first score per domain (same edition), when there are at least two assessments. */
  changeSinceFirst: Record<string, number> | null;
  /** Domains of the latest assessment, lowest score first: the suggested order of approach. */
  suggestedOrder: { domain: string; score: number }[];
}

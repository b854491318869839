import { Injectable, inject } from '@angular/core';
import type {
  AgreementOwnerType,
  AgreementStatus,
  FamilyStatus,
  GoalStatus,
  LifeDomain,
  MemberRole,
  OrganisationType,
  PlanStatus,
  Role,
  SectionKind,
} from '@gezinsplan/contracts';
import { ZRM_DOMAIN_LABELS_NL } from '@gezinsplan/contracts';
import { I18n, type Lang } from '../core/i18n';

type Labels<K extends string> = Record<Lang, Record<K, string>>;

const ROLE: Labels<Role> = {
  nl: {
    access_team: 'toegangsteam',
    provider: 'jeugdhulpaanbieder',
    gi: 'gecertificeerde instelling',
    parent: 'ouder',
    youth: 'jongere',
    policy: 'beleid',
    admin: 'functioneel beheer',
  },
  en: {
    access_team: 'access team',
    provider: 'care provider',
    gi: 'child protection (GI)',
    parent: 'parent',
    youth: 'youth',
    policy: 'policy',
    admin: 'administrator',
  },
};

const FAMILY_STATUS: Labels<FamilyStatus> = {
  nl: { registered: 'aangemeld', active: 'actief', closed: 'afgesloten' },
  en: { registered: 'registered', active: 'active', closed: 'closed' },
};

const PLAN_STATUS: Labels<PlanStatus> = {
  nl: {
    draft: 'concept',
    agreed: 'afgesproken',
    in_progress: 'in uitvoering',
    evaluated: 'geëvalueerd',
    closed: 'afgesloten',
  },
  en: { draft: 'draft', agreed: 'agreed', in_progress: 'in progress', evaluated: 'evaluated', closed: 'closed' },
};

const LIFE_DOMAIN: Labels<LifeDomain> = {
  nl: {
    housing: 'Wonen',
    finances: 'Geld',
    parenting: 'Opvoeden',
    free_time: 'Vrije tijd',
    physical_health: 'Lichamelijke gezondheid',
    mental_health: 'Psychische gezondheid',
    family_system: 'Gezin en relaties',
    participation: 'Meedoen',
    safety: 'Veiligheid',
    work: 'Werk',
    education: 'School en opleiding',
  },
  en: {
    housing: 'Housing',
    finances: 'Money',
    parenting: 'Parenting',
    free_time: 'Free time',
    physical_health: 'Physical health',
    mental_health: 'Mental health',
    family_system: 'Family and relationships',
    participation: 'Taking part',
    safety: 'Safety',
    work: 'Work',
    education: 'School and training',
  },
};

const SECTION_KIND: Labels<SectionKind> = {
  nl: {
    going_well: 'Wat gaat er goed',
    worries: 'Waar maken we ons zorgen over',
    wish: 'Wat willen we bereiken',
    strengths: 'Onze sterke kanten',
    safety: 'Veiligheid',
  },
  en: {
    going_well: 'What is going well',
    worries: 'What we worry about',
    wish: 'What we want to achieve',
    strengths: 'Our strengths',
    safety: 'Safety',
  },
};

const GOAL_STATUS: Labels<GoalStatus> = {
  nl: {
    proposed: 'voorgesteld',
    open: 'open',
    in_progress: 'bezig',
    achieved: 'bereikt',
    partly_achieved: 'deels bereikt',
    not_achieved: 'niet bereikt',
    declined: 'afgewezen',
  },
  en: {
    proposed: 'proposed',
    open: 'open',
    in_progress: 'in progress',
    achieved: 'achieved',
    partly_achieved: 'partly achieved',
    not_achieved: 'not achieved',
    declined: 'declined',
  },
};

const AGREEMENT_STATUS: Labels<AgreementStatus> = {
  nl: { open: 'open', done: 'gedaan', cancelled: 'vervallen' },
  en: { open: 'open', done: 'done', cancelled: 'cancelled' },
};

const OWNER_TYPE: Labels<AgreementOwnerType> = {
  nl: {
    family_member: 'gezinslid',
    network_member: 'netwerk',
    organisation: 'organisatie',
    professional: 'professional',
  },
  en: {
    family_member: 'family member',
    network_member: 'network',
    organisation: 'organisation',
    professional: 'professional',
  },
};

const MEMBER_ROLE: Labels<MemberRole> = {
  nl: {
    parent: 'ouder',
    carer: 'verzorger',
    step_parent: 'stiefouder',
    foster_parent: 'pleegouder',
    child: 'kind',
    other: 'anders',
  },
  en: {
    parent: 'parent',
    carer: 'carer',
    step_parent: 'step-parent',
    foster_parent: 'foster parent',
    child: 'child',
    other: 'other',
  },
};

const ORGANISATION_TYPE: Labels<OrganisationType> = {
  nl: { municipality: 'gemeente', provider: 'jeugdhulpaanbieder', gi: 'gecertificeerde instelling', other: 'anders' },
  en: { municipality: 'municipality', provider: 'care provider', gi: 'child protection (GI)', other: 'other' },
};

const ZRM_DOMAIN_EN: Record<string, string> = {
  finances: 'Finances',
  daytime_activities: 'Daytime activities',
  work_education: 'Work & education',
  time_use: 'Use of time',
  housing: 'Housing',
  domestic_relations: 'Domestic relations',
  mental_health: 'Mental health',
  physical_health: 'Physical health',
  addiction: 'Addiction',
  substance_use: 'Substance use',
  adl: 'Activities of daily living',
  basic_adl: 'Basic ADL',
  instrumental_adl: 'Instrumental ADL',
  social_network: 'Social network',
  social_participation: 'Social participation',
  justice: 'Justice',
};

/** Names of the domain's enumerations in the interface language. One place, so screens never disagree. */
@Injectable({ providedIn: 'root' })
export class LabelsService {
  private readonly i18n = inject(I18n);

  role = (v: Role) => ROLE[this.i18n.lang()][v];
  familyStatus = (v: FamilyStatus) => FAMILY_STATUS[this.i18n.lang()][v];
  planStatus = (v: PlanStatus) => PLAN_STATUS[this.i18n.lang()][v];
  lifeDomain = (v: LifeDomain) => LIFE_DOMAIN[this.i18n.lang()][v];
  sectionKind = (v: SectionKind) => SECTION_KIND[this.i18n.lang()][v];
  goalStatus = (v: GoalStatus) => GOAL_STATUS[this.i18n.lang()][v];
  agreementStatus = (v: AgreementStatus) => AGREEMENT_STATUS[this.i18n.lang()][v];
  ownerType = (v: AgreementOwnerType) => OWNER_TYPE[this.i18n.lang()][v];
  memberRole = (v: MemberRole) => MEMBER_ROLE[this.i18n.lang()][v];
  organisationType = (v: OrganisationType) => ORGANISATION_TYPE[this.i18n.lang()][v];
  zrmDomain = (v: string) => (this.i18n.lang() === 'nl' ? ZRM_DOMAIN_LABELS_NL[v] : ZRM_DOMAIN_EN[v]) ?? v;
}

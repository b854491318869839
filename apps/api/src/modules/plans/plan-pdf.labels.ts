import type {
  AgreementStatus,
  GoalStatus,
  LifeDomain,
  PlanPdfLanguage,
  PlanStatus,
  SectionKind,
} from '@gezinsplan/contracts';

/** Every word printed in a plan PDF, in Dutch (default) and English. Names of people and places are data. */
export interface PdfLabels {
  locale: string;
  title: (family: string) => string;
  version: (n: number) => string;
  livingPlan: string;
  agreedOn: (date: string, by: string) => string;
  onBehalf: (reason: string) => string;
  notAgreedYet: string;
  status: string;
  evaluationDate: string;
  none: string;
  sectionsHeading: string;
  emptySection: string;
  goalsHeading: string;
  noGoals: string;
  targetDate: string;
  safetyCondition: string;
  agreements: string;
  noAgreements: string;
  due: string;
  overdue: string;
  latestProgress: string;
  noProgress: string;
  score: (n: number) => string;
  page: (n: number, of: number) => string;
  generated: (date: string) => string;
  confidential: string;
  planStatus: Record<PlanStatus, string>;
  section: Record<SectionKind, string>;
  domain: Record<LifeDomain, string>;
  goalStatus: Record<GoalStatus, string>;
  agreementStatus: Record<AgreementStatus, string>;
  role: Record<string, string>;
}

const NL: PdfLabels = {
  locale: 'nl-NL',
  title: (family) => `Gezinsplan ${family}`,
  version: (n) => `Versie ${n}`,
  livingPlan: 'Actuele stand van het plan (nog niet vastgesteld als versie)',
  agreedOn: (date, by) => `Vastgesteld op ${date} door ${by}`,
  onBehalf: (reason) => `Namens het gezin vastgesteld door de regisseur. Reden: ${reason}`,
  notAgreedYet: 'Dit is de werkversie; wijzigingen zijn mogelijk.',
  status: 'Status',
  evaluationDate: 'Evaluatiedatum',
  none: 'geen',
  sectionsHeading: 'In de woorden van het gezin',
  emptySection: '(nog niet ingevuld)',
  goalsHeading: 'Doelen per leefgebied',
  noGoals: 'Er zijn nog geen doelen.',
  targetDate: 'Streefdatum',
  safetyCondition: 'Veiligheidsvoorwaarde',
  agreements: 'Afspraken',
  noAgreements: 'Nog geen afspraken.',
  due: 'uiterlijk',
  overdue: 'te laat',
  latestProgress: 'Laatste voortgang',
  noProgress: 'Nog geen voortgang vastgelegd.',
  score: (n) => `score ${n}/10`,
  page: (n, of) => `Pagina ${n} van ${of}`,
  generated: (date) => `Gemaakt op ${date}`,
  confidential: 'Vertrouwelijk: bestemd voor het gezin en de betrokken hulpverleners.',
  planStatus: {
    draft: 'concept',
    agreed: 'vastgesteld',
    in_progress: 'in uitvoering',
    evaluated: 'geëvalueerd',
    closed: 'afgesloten',
  },
  section: {
    going_well: 'Wat gaat goed',
    worries: 'Zorgen',
    wish: 'Wens van het gezin',
    strengths: 'Eigen kracht en netwerk',
    safety: 'Veiligheid',
  },
  domain: {
    housing: 'Wonen',
    finances: 'Financiën',
    parenting: 'Opvoeding',
    free_time: 'Vrije tijd',
    physical_health: 'Lichamelijke gezondheid',
    mental_health: 'Psychische gezondheid',
    family_system: 'Gezin en relaties',
    participation: 'Meedoen in de samenleving',
    safety: 'Veiligheid',
    work: 'Werk en inkomen',
    education: 'School en opleiding',
  },
  goalStatus: {
    proposed: 'voorgesteld',
    open: 'open',
    in_progress: 'mee bezig',
    achieved: 'bereikt',
    partly_achieved: 'deels bereikt',
    not_achieved: 'niet bereikt',
    declined: 'niet overgenomen',
  },
  agreementStatus: { open: 'open', done: 'gedaan', cancelled: 'vervallen' },
  role: {
    parent: 'ouder',
    youth: 'jongere',
    access_team: 'toegangsteam',
    provider: 'zorgaanbieder',
    gi: 'gecertificeerde instelling',
    policy: 'beleid',
    admin: 'beheer',
  },
};

const EN: PdfLabels = {
  locale: 'en-GB',
  title: (family) => `Family plan: ${family}`,
  version: (n) => `Version ${n}`,
  livingPlan: 'Current state of the plan (not agreed as a version yet)',
  agreedOn: (date, by) => `Agreed on ${date} by ${by}`,
  onBehalf: (reason) => `Agreed by the regisseur on behalf of the family. Reason: ${reason}`,
  notAgreedYet: 'This is the working version; it may still change.',
  status: 'Status',
  evaluationDate: 'Evaluation date',
  none: 'none',
  sectionsHeading: "In the family's own words",
  emptySection: '(not filled in yet)',
  goalsHeading: 'Goals by life domain',
  noGoals: 'There are no goals yet.',
  targetDate: 'Target date',
  safetyCondition: 'Safety condition',
  agreements: 'Agreements',
  noAgreements: 'No agreements yet.',
  due: 'due',
  overdue: 'overdue',
  latestProgress: 'Latest progress',
  noProgress: 'No progress recorded yet.',
  score: (n) => `score ${n}/10`,
  page: (n, of) => `Page ${n} of ${of}`,
  generated: (date) => `Generated on ${date}`,
  confidential: 'Confidential: for the family and the professionals involved.',
  planStatus: {
    draft: 'draft',
    agreed: 'agreed',
    in_progress: 'in progress',
    evaluated: 'evaluated',
    closed: 'closed',
  },
  section: {
    going_well: 'What is going well',
    worries: 'Worries',
    wish: "The family's wish",
    strengths: 'Strengths and network',
    safety: 'Safety',
  },
  domain: {
    housing: 'Housing',
    finances: 'Finances',
    parenting: 'Parenting',
    free_time: 'Free time',
    physical_health: 'Physical health',
    mental_health: 'Mental health',
    family_system: 'Family and relationships',
    participation: 'Taking part in society',
    safety: 'Safety',
    work: 'Work and income',
    education: 'School and education',
  },
  goalStatus: {
    proposed: 'proposed',
    open: 'open',
    in_progress: 'in progress',
    achieved: 'achieved',
    partly_achieved: 'partly achieved',
    not_achieved: 'not achieved',
    declined: 'declined',
  },
  agreementStatus: { open: 'open', done: 'done', cancelled: 'cancelled' },
  role: {
    parent: 'parent',
    youth: 'youth',
    access_team: 'access team',
    provider: 'care provider',
    gi: 'certified institution (GI)',
    policy: 'policy',
    admin: 'admin',
  },
};

export const PDF_LABELS: Record<PlanPdfLanguage, PdfLabels> = { nl: NL, en: EN };

import type { IndicatorKey, LocalizedText, MainFigureKey, IndicatorUnit } from '@gezinsplan/contracts';

/**
 * The exact definition of every indicator, returned by the API next to its figures and copied into
 * docs/indicators.md. Change both together.
 *
 * Shared terms:
 * - help in the period: an allocation with a decision (beschikking) on or before the last day of the period that
 *   had not ended before its first day, within the filters (municipality of the family, provider, arrangement);
 * - families with help in the period: the families of those allocations.
 */
export interface IndicatorDefinition {
  number: string;
  title: LocalizedText;
  definition: LocalizedText;
}

export interface Norms {
  decisionWorkingDays: number;
  noNewHelpMonths: number;
}

export function indicatorDefinitions(n: Norms): Record<IndicatorKey, IndicatorDefinition> {
  return {
    plan_coverage: {
      number: '1',
      title: {
        nl: 'Jeugdigen met hulp en een afgesproken gezinsplan',
        en: 'Youths with help and an agreed family plan',
      },
      definition: {
        nl: 'Van de jeugdigen met hulp in de periode: het aandeel van wie het gezin uiterlijk op de laatste dag van de periode een afgesproken gezinsplan had (een door het gezin vastgestelde planversie).',
        en: 'Of the youths with help in the period: the share whose family had an agreed family plan (a plan version approved for the family) on or before the last day of the period.',
      },
    },
    lead_time: {
      number: '2',
      title: {
        nl: 'Doorlooptijd van aanvraag tot beschikking en start',
        en: 'Days from request to decision and start',
      },
      definition: {
        nl: `Van de toewijzingen met een aanvraagdatum in de periode: het aantal kalenderdagen van aanvraag tot beschikking en van aanvraag tot start van de hulp (mediaan en 80e percentiel; alleen toewijzingen met een beschikking respectievelijk een start tellen mee), en het aandeel beschikkingen binnen de norm van ${n.decisionWorkingDays} werkdagen na de aanvraag (werkdagen zijn maandag tot en met vrijdag; feestdagen tellen als werkdag).`,
        en: `Of the allocations requested in the period: calendar days from request to decision and from request to start of help (median and 80th percentile; only allocations with a decision or a start respectively count), and the share of decisions within the norm of ${n.decisionWorkingDays} working days after the request (Monday to Friday; public holidays count as working days).`,
      },
    },
    ended_without_further_help: {
      number: '3.1',
      title: { nl: 'Beëindigd zonder verdere hulp nodig', en: 'Ended without further help needed' },
      definition: {
        nl: 'Van de toewijzingen die in de periode eindigden (JW307): het aandeel dat volgens plan eindigde (reden beëindiging 31) terwijl de jeugdige op de einddatum geen andere toegewezen hulp had die doorliep.',
        en: 'Of the allocations that ended in the period (JW307): the share that ended as planned (stop reason 31) while the youth had no other allocated help continuing beyond the end date.',
      },
    },
    no_new_help: {
      number: '3.2',
      title: {
        nl: `Geen nieuwe hulp binnen ${n.noNewHelpMonths} maanden`,
        en: `No new help within ${n.noNewHelpMonths} months`,
      },
      definition: {
        nl: `Van de toewijzingen die in de periode eindigden en waarvan het einde minstens ${n.noNewHelpMonths} maanden geleden is: het aandeel waarbij voor dezelfde jeugdige binnen ${n.noNewHelpMonths} maanden na het einde geen nieuwe hulp is aangevraagd.`,
        en: `Of the allocations that ended in the period at least ${n.noNewHelpMonths} months ago: the share where no new help was requested for the same youth within ${n.noNewHelpMonths} months after the end.`,
      },
    },
    self_sufficiency_rose: {
      number: '3.3',
      title: { nl: 'Zelfredzaamheid gestegen (ZRM)', en: 'Self-sufficiency rose (ZRM)' },
      definition: {
        nl: 'Van de volwassen gezinsleden in gezinnen met hulp in de periode die ten minste twee ZRM-metingen van dezelfde editie hebben en van wie de laatste meting (tot en met de laatste dag van de periode) in de periode valt: het aandeel van wie de totaalscore bij de laatste meting hoger is dan bij de eerste.',
        en: 'Of the adult family members in families with help in the period who have at least two ZRM assessments of the same edition, the latest of them (up to the last day of the period) in the period: the share whose total score at the latest assessment is higher than at the first.',
      },
    },
    goals_realised: {
      number: '3.4',
      title: { nl: 'Doelrealisatie', en: 'Goal realisation' },
      definition: {
        nl: 'Van de doelen die in de periode zijn geëvalueerd in gezinnen met hulp in de periode: het aandeel behaald, deels behaald en niet behaald; ook per leefgebied (het leefgebied van het doel bij de evaluatie).',
        en: 'Of the goals evaluated in the period in families with help in the period: the share achieved, partly achieved and not achieved; also per life domain (the goal’s life domain at the evaluation).',
      },
    },
    early_termination: {
      number: '4',
      title: { nl: 'Voortijdige beëindiging (uitval)', en: 'Early termination' },
      definition: {
        nl: 'Van de toewijzingen die in de periode eindigden (JW307): het aandeel met reden beëindiging 32 (eenzijdig door cliënt), 33 (eenzijdig door aanbieder), 34 (in overeenstemming) of 35 (door externe omstandigheden).',
        en: 'Of the allocations that ended in the period (JW307): the share with stop reason 32 (unilaterally by the client), 33 (unilaterally by the provider), 34 (by mutual agreement) or 35 (by external circumstances).',
      },
    },
    satisfaction: {
      number: '5',
      title: { nl: 'Cliënttevredenheid', en: 'Client satisfaction' },
      definition: {
        nl: 'Van de evaluaties in de periode in gezinnen met hulp in de periode waarbij het gezin een cijfer gaf (1-10, door een ouder in het portaal of met de professional): het gemiddelde cijfer en de verdeling over de cijfers.',
        en: 'Of the evaluations in the period in families with help in the period where the family gave a score (1-10, by a parent in the portal or with the professional): the mean score and the distribution of scores.',
      },
    },
    complaints: {
      number: '6',
      title: { nl: 'Klachten per 100 gezinnen', en: 'Complaints per 100 families' },
      definition: {
        nl: 'Het aantal klachten met een ontvangstdatum in de periode van gezinnen met hulp in de periode, per 100 van die gezinnen.',
        en: 'The number of complaints received in the period from families with help in the period, per 100 of those families.',
      },
    },
    zrm_change: {
      number: '7',
      title: { nl: 'Verandering in ZRM-scores', en: 'Change in ZRM scores' },
      definition: {
        nl: 'Voor dezelfde volwassenen als bij 3.3: het gemiddelde verschil in score tussen de laatste en de eerste meting (laatste min eerste), over alle domeinen en per ZRM-domein.',
        en: 'For the same adults as in 3.3: the mean difference in score between the latest and the first assessment (latest minus first), over all domains and per ZRM domain.',
      },
    },
    workload: {
      number: '8',
      title: { nl: 'Openstaand werk', en: 'Open workload' },
      definition: {
        nl: 'Stand op de dag van opvragen, voor gezinnen met een lopend (niet afgesloten) plan binnen het filter; met een aanbieder- of arrangementfilter alleen gezinnen met lopende hulp daarvan: het aantal gezinnen per regisseur, het aantal openstaande afspraken waarvan de datum voorbij is, en het aantal plannen waarvan de evaluatiedatum voorbij is zonder evaluatie op of na die datum. De periode telt hier niet mee.',
        en: 'As of the day of the request, for families with a living (not closed) plan within the filter; with a provider or arrangement filter only families with current help of it: families per regisseur, open agreements past their due date, and plans past their evaluation date without an evaluation on or after it. The period does not apply.',
      },
    },
  };
}

export const FIGURE_LABELS: Record<string, { label: LocalizedText; unit: IndicatorUnit }> = {
  'plan_coverage.share': {
    label: { nl: 'Aandeel met afgesproken plan', en: 'Share with agreed plan' },
    unit: 'percent',
  },
  'plan_coverage.youths': { label: { nl: 'Jeugdigen met hulp', en: 'Youths with help' }, unit: 'count' },
  'lead_time.decision_median': {
    label: { nl: 'Dagen tot beschikking (mediaan)', en: 'Days to decision (median)' },
    unit: 'days',
  },
  'lead_time.decision_p80': {
    label: { nl: 'Dagen tot beschikking (80e percentiel)', en: 'Days to decision (80th percentile)' },
    unit: 'days',
  },
  'lead_time.start_median': { label: { nl: 'Dagen tot start (mediaan)', en: 'Days to start (median)' }, unit: 'days' },
  'lead_time.start_p80': {
    label: { nl: 'Dagen tot start (80e percentiel)', en: 'Days to start (80th percentile)' },
    unit: 'days',
  },
  'lead_time.decision_within_norm': {
    label: { nl: 'Beschikking binnen de norm', en: 'Decision within the norm' },
    unit: 'percent',
  },
  'ended_without_further_help.share': {
    label: { nl: 'Zonder verdere hulp beëindigd', en: 'Ended without further help' },
    unit: 'percent',
  },
  'no_new_help.share': { label: { nl: 'Geen nieuwe hulp', en: 'No new help' }, unit: 'percent' },
  'self_sufficiency_rose.share': {
    label: { nl: 'Zelfredzaamheid gestegen', en: 'Self-sufficiency rose' },
    unit: 'percent',
  },
  'goals_realised.achieved': { label: { nl: 'Behaald', en: 'Achieved' }, unit: 'percent' },
  'goals_realised.partly_achieved': { label: { nl: 'Deels behaald', en: 'Partly achieved' }, unit: 'percent' },
  'goals_realised.not_achieved': { label: { nl: 'Niet behaald', en: 'Not achieved' }, unit: 'percent' },
  'early_termination.rate': { label: { nl: 'Uitval', en: 'Early termination' }, unit: 'percent' },
  'early_termination.by_reason': {
    label: { nl: 'Uitval per reden', en: 'Early termination by reason' },
    unit: 'percent',
  },
  'goals_realised.by_domain': {
    label: { nl: 'Behaald per leefgebied', en: 'Achieved per life domain' },
    unit: 'percent',
  },
  'satisfaction.share': { label: { nl: 'Aandeel met dit cijfer', en: 'Share with this score' }, unit: 'percent' },
  'satisfaction.mean': { label: { nl: 'Gemiddeld cijfer', en: 'Mean score' }, unit: 'score' },
  'complaints.per_100': {
    label: { nl: 'Klachten per 100 gezinnen', en: 'Complaints per 100 families' },
    unit: 'per_100_families',
  },
  'complaints.count': { label: { nl: 'Aantal klachten', en: 'Number of complaints' }, unit: 'count' },
  'zrm_change.mean': { label: { nl: 'Gemiddelde verandering', en: 'Mean change' }, unit: 'zrm_points' },
  'workload.families_per_regisseur': {
    label: { nl: 'Gezinnen per regisseur', en: 'Families per regisseur' },
    unit: 'ratio',
  },
  'workload.overdue_agreements': {
    label: { nl: 'Afspraken over de datum', en: 'Overdue agreements' },
    unit: 'count',
  },
  'workload.evaluations_overdue': {
    label: { nl: 'Evaluaties over de datum', en: 'Evaluations overdue' },
    unit: 'count',
  },
  'workload.families': {
    label: { nl: 'Gezinnen met een lopend plan', en: 'Families with a living plan' },
    unit: 'count',
  },
};

export const MAIN_FIGURE_LABELS = (key: MainFigureKey) => FIGURE_LABELS[key];

export const LIFE_DOMAIN_LABELS: Record<string, LocalizedText> = {
  housing: { nl: 'Wonen', en: 'Housing' },
  finances: { nl: 'Financiën', en: 'Finances' },
  parenting: { nl: 'Opvoeden en opgroeien', en: 'Parenting and growing up' },
  free_time: { nl: 'Vrije tijd', en: 'Free time' },
  physical_health: { nl: 'Lichamelijke gezondheid', en: 'Physical health' },
  mental_health: { nl: 'Psychische gezondheid', en: 'Mental health' },
  family_system: { nl: 'Gezinssysteem', en: 'Family system' },
  participation: { nl: 'Meedoen', en: 'Participation' },
  safety: { nl: 'Veiligheid', en: 'Safety' },
  work: { nl: 'Werk', en: 'Work' },
  education: { nl: 'School en opleiding', en: 'School and education' },
};

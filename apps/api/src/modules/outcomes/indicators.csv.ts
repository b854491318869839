import { ARRANGEMENT_LABELS, type IndicatorFigure, type IndicatorsResponse } from '@gezinsplan/contracts';
import { stringify } from 'csv-stringify/sync';

/** Dutch column headers of the indicator export (the same columns for totals, trend and comparisons). */
export const CSV_HEADERS = [
  'Onderdeel',
  'Groep',
  'Nummer',
  'Indicator',
  'Cijfer',
  'Uitsplitsing',
  'Waarde',
  'Eenheid',
  'Groepsgrootte (gezinnen)',
  'Periode van',
  'Periode tot',
  'Gemeente',
  'Aanbieder',
  'Arrangement',
] as const;

const UNIT_NL: Record<string, string> = {
  percent: '%',
  days: 'dagen',
  score: 'cijfer (1-10)',
  per_100_families: 'per 100 gezinnen',
  count: 'aantal',
  ratio: 'verhouding',
  zrm_points: 'ZRM-punten',
};

/** A value in Dutch notation (decimal comma); a suppressed value as "< 5". */
const valueNl = (f: IndicatorFigure, min: number) =>
  f.suppressed ? `< ${min}` : f.value === null ? '' : String(f.value).replace('.', ',');

/**
 * The indicators as CSV (semicolon-separated, decimal comma, UTF-8 with BOM, so Dutch spreadsheet programs open
 * it as is): every figure of the period, its breakdowns, the trend and the comparisons, suppression kept.
 */
export function indicatorsCsv(r: IndicatorsResponse, providerName: string | null): string {
  const min = r.norms.minGroupSize;
  const f = r.filters;
  const tail = [
    f.from,
    f.to,
    f.municipality ?? 'Regio',
    providerName ?? '',
    f.arrangement ? ARRANGEMENT_LABELS[f.arrangement].nl : '',
  ];
  const rows: string[][] = [];
  const byKey = new Map<string, (typeof r.indicators)[number]>(
    r.indicators.flatMap((i) => i.figures.map((x) => [`${i.key}.${x.key}`, i] as const)),
  );
  const line = (part: string, group: string, fig: IndicatorFigure, indicatorKey: string, split = '') => {
    const ind = byKey.get(`${indicatorKey}.${fig.key}`) ?? r.indicators.find((i) => i.key === indicatorKey);
    rows.push([
      part,
      group,
      ind?.number ?? '',
      ind?.title.nl ?? indicatorKey,
      fig.label.nl,
      split,
      valueNl(fig, min),
      UNIT_NL[fig.unit] ?? fig.unit,
      fig.groupSize === null ? `< ${min}` : String(fig.groupSize),
      ...tail,
    ]);
  };
  for (const ind of r.indicators) {
    for (const fig of ind.figures) line('Totaal', '', fig, ind.key);
    for (const row of ind.breakdown?.rows ?? []) {
      rows.push([
        'Totaal',
        '',
        ind.number,
        ind.title.nl,
        ind.figures[0].label.nl,
        row.label.nl,
        valueNl(row, min),
        UNIT_NL[row.unit] ?? row.unit,
        row.groupSize === null ? `< ${min}` : String(row.groupSize),
        ...tail,
      ]);
    }
  }
  const main = (part: string, group: string, values: Record<string, IndicatorFigure>) => {
    for (const [key, fig] of Object.entries(values)) line(part, group, fig, key.split('.')[0]);
  };
  for (const p of r.trend.points) main('Trend', p.label, p.values);
  for (const m of r.byMunicipality) main('Gemeente', m.label, m.values);
  for (const p of r.byProvider) main('Aanbieder', p.label, p.values);
  return '\uFEFF' + stringify([[...CSV_HEADERS], ...rows], { delimiter: ';' });
}

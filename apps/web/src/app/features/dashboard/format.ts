import type { IndicatorFigure, IndicatorUnit } from '@gezinsplan/contracts';
import { fill, type I18n, type Lang } from '../../core/i18n';

const UNIT_TEXT: Record<Lang, { days: string; day: string; per100: string; zrm: string }> = {
  nl: { days: '{n} dagen', day: '1 dag', per100: '{n} per 100 gezinnen', zrm: '{n} punten' },
  en: { days: '{n} days', day: '1 day', per100: '{n} per 100 families', zrm: '{n} points' },
};

/** The suppression marker, the same in every language and in the CSV. */
export const suppressedText = (min: number) => `< ${min}`;

/**
 * A figure's value in the interface language: percentages as "71%", days as "5,5 dagen", scores and ratios with
 * one decimal, ZRM changes signed. Suppressed values become "< 5".
 */
export function formatValue(i18n: I18n, unit: IndicatorUnit, value: number | null, min: number): string {
  if (value === null) return suppressedText(min);
  const text = UNIT_TEXT[i18n.lang()];
  switch (unit) {
    case 'percent':
      return i18n.percent(value / 100);
    case 'days':
      return value === 1 ? text.day : fill(text.days, { n: i18n.number(value, value % 1 === 0 ? 0 : 1) });
    case 'score':
    case 'ratio':
      return i18n.number(value, 1);
    case 'per_100_families':
      return fill(text.per100, { n: i18n.number(value, 1) });
    case 'count':
      return i18n.number(value, 0);
    case 'zrm_points':
      return fill(text.zrm, { n: (value > 0 ? '+' : '') + i18n.number(value, 2) });
  }
}

export function formatFigure(i18n: I18n, figure: IndicatorFigure, min: number): string {
  return formatValue(i18n, figure.unit, figure.suppressed ? null : figure.value, min);
}

/** A short axis tick: "71%", "5,5", without the unit words. */
export function formatTick(i18n: I18n, unit: IndicatorUnit, value: number): string {
  return unit === 'percent' ? i18n.percent(value / 100) : i18n.number(value, value % 1 === 0 ? 0 : 1);
}

/** A trend period: "2026-03" as "mrt 2026", "2026-Q1" as "K1 2026" (Q1 2026 in English). */
export function periodLabel(i18n: I18n, label: string): string {
  const month = /^(\d{4})-(\d{2})$/.exec(label);
  if (month) {
    return i18n.monthYear(new Date(Number(month[1]), Number(month[2]) - 1, 1));
  }
  const quarter = /^(\d{4})-Q(\d)$/.exec(label);
  if (quarter) return `${i18n.lang() === 'nl' ? 'K' : 'Q'}${quarter[2]} ${quarter[1]}`;
  return label;
}

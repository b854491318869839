import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { INDICATOR_KEYS } from '@gezinsplan/contracts';
import { addDays } from './allocations.service';
import { indicatorDefinitions } from './indicator-definitions';
import { bucketsOf, figure } from './indicators.service';

describe('indicator definitions', () => {
  it('defines every indicator, and docs/indicators.md carries exactly the texts the API returns', () => {
    const defs = indicatorDefinitions({ decisionWorkingDays: 5, noNewHelpMonths: 6 });
    expect(Object.keys(defs)).toEqual([...INDICATOR_KEYS]);
    const doc = readFileSync(resolve(__dirname, '../../../../../docs/indicators.md'), 'utf8').replace(/\s+/g, ' ');
    for (const d of Object.values(defs)) {
      expect(doc).toContain(d.definition.nl);
      expect(doc).toContain(d.definition.en);
    }
  });

  it('fills in the configured norms', () => {
    const defs = indicatorDefinitions({ decisionWorkingDays: 3, noNewHelpMonths: 12 });
    expect(defs.lead_time.definition.nl).toContain('3 werkdagen');
    expect(defs.no_new_help.title.en).toBe('No new help within 12 months');
  });
});

describe('figures and periods', () => {
  it('suppresses a figure over fewer than 5 families, value and group size both', () => {
    expect(figure('early_termination.rate', 4, 50)).toMatchObject({ value: null, groupSize: null, suppressed: true });
    expect(figure('early_termination.rate', 0, null)).toMatchObject({ suppressed: true });
    expect(figure('early_termination.rate', 5, 100 / 3)).toMatchObject({ key: 'rate', value: 33.3, groupSize: 5 });
  });

  it('splits a period into calendar months or quarters, clipped to the period', () => {
    expect(bucketsOf('2025-11-15', '2026-01-10', 'month')).toEqual([
      { from: '2025-11-15', to: '2025-11-30', label: '2025-11' },
      { from: '2025-12-01', to: '2025-12-31', label: '2025-12' },
      { from: '2026-01-01', to: '2026-01-10', label: '2026-01' },
    ]);
    expect(bucketsOf('2026-02-10', '2026-07-01', 'quarter').map((b) => [b.label, b.from, b.to])).toEqual([
      ['2026-Q1', '2026-02-10', '2026-03-31'],
      ['2026-Q2', '2026-04-01', '2026-06-30'],
      ['2026-Q3', '2026-07-01', '2026-07-01'],
    ]);
  });

  it('adds days across month ends for the crisis plan-due date', () => {
    expect(addDays('2026-01-25', 14)).toBe('2026-02-08');
  });
});

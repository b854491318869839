import { computed, Injectable, type Signal, signal, inject } from '@angular/core';
import { DOCUMENT } from '@angular/common';

export const LANGS = ['nl', 'en'] as const;
export type Lang = (typeof LANGS)[number];

/**
 * A feature's texts: Dutch is the source, English must have exactly the same keys (the compiler checks it),
 * so no visible string can be left untranslated. `{name}` placeholders are filled by `fill()`.
 */
export interface Texts<K extends string> {
  nl: Record<K, string>;
  en: Record<K, string>;
}

export function defineTexts<K extends string>(nl: Record<K, string>, en: Record<K, string>): Texts<K> {
  return { nl, en };
}

/**
 * Orders ISO dates and timestamps (2026-03-03, 2026-03-03T13:02:00.000Z) as text, which is their time order.
 * localeCompare would do the same, but loads the browser's locale data first (see I18n's dates).
 */
export function compareIso(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Fills `{name}` placeholders: fill('Nog {n} dagen', { n: 3 }). */
export function fill(text: string, values: Record<string, string | number>): string {
  return text.replace(/\{(\w+)\}/g, (whole, key: string) => (key in values ? String(values[key]) : whole));
}

/** Also read by the early script (apps/web/src/early/resume.js), which puts the language on the page first. */
const STORAGE_KEY = 'gezinsplan.lang';
const LOCALE: Record<Lang, string> = { nl: 'nl-NL', en: 'en-GB' };

/**
 * The interface language: Dutch by default, English on request, remembered in this browser. Dates and numbers
 * follow the language (Dutch: 3 maart 2026, 7,5).
 */
@Injectable({ providedIn: 'root' })
export class I18n {
  private readonly document = inject(DOCUMENT);
  readonly lang = signal<Lang>(this.stored());
  readonly locale = computed(() => LOCALE[this.lang()]);

  set(lang: Lang): void {
    this.lang.set(lang);
    this.document.documentElement.lang = lang;
    try {
      localStorage.setItem(STORAGE_KEY, lang);
    } catch {
      // Private mode: the choice lasts for this page only.
    }
  }

  /** The current language's texts of a feature, as a signal: `t().title`. */
  texts<K extends string>(texts: Texts<K>): Signal<Record<K, string>> {
    return computed(() => texts[this.lang()]);
  }

  // Dates are written out here rather than with Intl.DateTimeFormat: the first Intl formatter of a page loads the
  // browser's locale data, which costs 40-60 ms on a fast machine and a multiple of that on a phone, on every page
  // that shows a date (the worklist, the plan). The formats are the ones Intl gives for nl-NL and en-GB; the
  // browser tests check them.

  /** 3 maart 2026 / 3 March 2026 */
  date(iso: string | null | undefined): string {
    const d = iso ? parseIso(iso) : null;
    return d ? `${d.getDate()} ${MONTHS[this.lang()][d.getMonth()]} ${d.getFullYear()}` : '';
  }

  /** 03-03-2026 / 03/03/2026 — compact, for tables. */
  shortDate(iso: string | null | undefined): string {
    const d = iso ? parseIso(iso) : null;
    if (!d) return '';
    const sep = this.lang() === 'nl' ? '-' : '/';
    return `${two(d.getDate())}${sep}${two(d.getMonth() + 1)}${sep}${d.getFullYear()}`;
  }

  /** 3 maart 2026 om 14:02 / 3 March 2026 at 14:02 */
  dateTime(iso: string | null | undefined): string {
    const d = iso ? parseInstant(iso) : null;
    if (!d) return '';
    return `${d.getDate()} ${MONTHS[this.lang()][d.getMonth()]} ${d.getFullYear()} ${this.lang() === 'nl' ? 'om' : 'at'} ${clock(d)}`;
  }

  /** 14:02 */
  time(iso: string | null | undefined): string {
    const d = iso ? parseInstant(iso) : null;
    return d ? clock(d) : '';
  }

  /** mrt 2026 / Mar 2026 */
  monthYear(date: Date): string {
    return formatter(
      `${this.locale()} monthYear`,
      () => new Intl.DateTimeFormat(this.locale(), { month: 'short', year: 'numeric' }),
    ).format(date);
  }

  number(value: number | null | undefined, fractionDigits = 0): string {
    if (value === null || value === undefined) return '';
    return formatter(
      `${this.locale()} number ${fractionDigits}`,
      () =>
        new Intl.NumberFormat(this.locale(), {
          minimumFractionDigits: fractionDigits,
          maximumFractionDigits: fractionDigits,
        }),
    ).format(value);
  }

  percent(share: number | null | undefined): string {
    if (share === null || share === undefined) return '';
    return formatter(
      `${this.locale()} percent`,
      () => new Intl.NumberFormat(this.locale(), { style: 'percent', maximumFractionDigits: 0 }),
    ).format(share);
  }

  private stored(): Lang {
    try {
      const value = localStorage.getItem(STORAGE_KEY);
      if (value === 'en' || value === 'nl') {
        this.document.documentElement.lang = value;
        return value;
      }
    } catch {
      // No storage: Dutch.
    }
    return 'nl';
  }
}

const MONTHS: Record<Lang, readonly string[]> = {
  nl: [
    'januari',
    'februari',
    'maart',
    'april',
    'mei',
    'juni',
    'juli',
    'augustus',
    'september',
    'oktober',
    'november',
    'december',
  ],
  en: [
    'January',
    'February',
    'March',
    'April',
    'May',
    'June',
    'July',
    'August',
    'September',
    'October',
    'November',
    'December',
  ],
};

const two = (n: number) => String(n).padStart(2, '0');
const clock = (d: Date) => `${two(d.getHours())}:${two(d.getMinutes())}`;

/** Intl formatters (numbers, the dashboard's months), made once per language and style: making one is the cost. */
const formatters = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();
function formatter<F extends Intl.DateTimeFormat | Intl.NumberFormat>(key: string, make: () => F): F {
  let found = formatters.get(key) as F | undefined;
  if (!found) formatters.set(key, (found = make()));
  return found;
}

/**
 * Date-only ISO strings (2026-03-03) are calendar dates, not UTC midnights: read them as local dates. Null for
 * text that is no date.
 */
function parseIso(iso: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : parseInstant(iso);
}

/** A moment (2026-03-03T13:02:00Z), shown in the browser's time zone. Null for text that is no date. */
function parseInstant(iso: string): Date | null {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? null : d;
}

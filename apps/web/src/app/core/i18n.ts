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

/** Fills `{name}` placeholders: fill('Nog {n} dagen', { n: 3 }). */
export function fill(text: string, values: Record<string, string | number>): string {
  return text.replace(/\{(\w+)\}/g, (whole, key: string) => (key in values ? String(values[key]) : whole));
}

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

  /** 3 maart 2026 / 3 March 2026 */
  date(iso: string | null | undefined): string {
    if (!iso) return '';
    return new Intl.DateTimeFormat(this.locale(), { day: 'numeric', month: 'long', year: 'numeric' }).format(
      parseIso(iso),
    );
  }

  /** 03-03-2026 / 03/03/2026 — compact, for tables. */
  shortDate(iso: string | null | undefined): string {
    if (!iso) return '';
    return new Intl.DateTimeFormat(this.locale(), { day: '2-digit', month: '2-digit', year: 'numeric' }).format(
      parseIso(iso),
    );
  }

  /** 3 maart 2026 14:02 */
  dateTime(iso: string | null | undefined): string {
    if (!iso) return '';
    return new Intl.DateTimeFormat(this.locale(), {
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
    }).format(new Date(iso));
  }

  number(value: number | null | undefined, fractionDigits = 0): string {
    if (value === null || value === undefined) return '';
    return new Intl.NumberFormat(this.locale(), {
      minimumFractionDigits: fractionDigits,
      maximumFractionDigits: fractionDigits,
    }).format(value);
  }

  percent(share: number | null | undefined): string {
    if (share === null || share === undefined) return '';
    return new Intl.NumberFormat(this.locale(), { style: 'percent', maximumFractionDigits: 0 }).format(share);
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

/** Date-only ISO strings (2026-03-03) are calendar dates, not UTC midnights: read them as local dates. */
function parseIso(iso: string): Date {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : new Date(iso);
}
